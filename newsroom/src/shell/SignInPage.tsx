import { SignInForm } from './SignInForm';
import { useSession } from './session';

export function SignInPage() {
  const { signIn } = useSession();
  return (
    <main className="sign-in-page">
      <h1>Newsroom</h1>
      <p>Sign in with your staff account.</p>
      <SignInForm onSignIn={signIn} />
    </main>
  );
}
