import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, api } from '../api/client';
import type { StaffRole } from '../api/types';
import { BusyButton } from '../shell/BusyButton';
import { NewPasswordField } from '../shell/NewPasswordField';
import { Problem } from '../shell/Problem';
import { type SignInReply, useSession } from '../shell/session';
import { ROLE_LABELS } from './staff-queries';
import { useSubmit } from './use-submit';

interface LinkInvitation {
  email: string;
  name: string;
  role: StaffRole;
  invitedBy: string;
}

/**
 * The page an invitation mail links to (/newsroom/join#token=…): the invitee chooses a password and
 * is signed in. The token stays in the fragment, so it is never in a server's access log.
 */
export function JoinPage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const { signedIn } = useSession();
  const submit = useSubmit(['password']);
  const [enrol, setEnrol] = useState(false);
  const link = useQuery({
    queryKey: ['invitation', token],
    queryFn: () =>
      api<{ invitation: LinkInvitation }>('/auth/invitation', {
        method: 'POST',
        body: { token },
        noReauth: true,
      }).then((r) => r.invitation),
    retry: false,
  });

  function join(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    void submit.run(async () => {
      const reply = await api<SignInReply | { next: string }>('/auth/invitation/accept', {
        method: 'POST',
        body: { token, password },
        noReauth: true,
      });
      if ('next' in reply) {
        // The paper requires two-factor: it is set up at the first sign-in.
        setEnrol(true);
        return;
      }
      signedIn(reply);
      window.location.assign('/newsroom/');
    });
  }

  const refused = link.error instanceof ApiError ? link.error.message : (link.error?.message ?? null);
  const invitation = link.data;
  return (
    <main className="sign-in-page" id="main">
      <h1>Join the newsroom</h1>
      {refused ? (
        <>
          <Problem text={refused} />
          <a href="/newsroom/">Go to the sign-in page</a>
        </>
      ) : enrol ? (
        <>
          <p role="status">
            Your account is ready. This paper requires two-factor sign-in: sign in with your email and new
            password to set it up.
          </p>
          <a href="/newsroom/">Sign in</a>
        </>
      ) : (
        <>
          {invitation && (
            <p>
              {invitation.invitedBy} invites you, {invitation.name} ({invitation.email}), as{' '}
              {ROLE_LABELS[invitation.role].toLowerCase()}. Choose a password to join.
            </p>
          )}
          <Form onSubmit={join} className="sign-in-form" validationErrors={submit.fieldErrors}>
            <NewPasswordField />
            <Problem text={submit.formError} />
            <BusyButton type="submit" className="primary" isDisabled={!invitation} busy={submit.busy}>
              Join
            </BusyButton>
          </Form>
        </>
      )}
    </main>
  );
}
