import { Dialog, Heading, Modal } from 'react-aria-components';
import { SignInForm } from './SignInForm';

/**
 * Shown over the screen when the session expired: the screen underneath, with everything typed into it,
 * stays as it is, and the request that met the expiry is sent again after signing in.
 */
export function SignInDialog({ onSignedIn }: { onSignedIn(): void }) {
  return (
    <Modal isOpen isDismissable={false} className="modal">
      <Dialog className="dialog" aria-labelledby="reauth-title">
        <Heading slot="title" id="reauth-title">
          Your session has ended
        </Heading>
        <p>Sign in again to carry on. Nothing you typed is lost.</p>
        <SignInForm onSignedIn={onSignedIn} />
      </Dialog>
    </Modal>
  );
}
