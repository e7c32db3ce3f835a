import { ForgotPassword } from './PasswordReset';
import { SignInForm } from './SignInForm';

export function SignInPage() {
  return (
    <main className="sign-in-page">
      <h1>Newsroom</h1>
      <p>Sign in with your staff account.</p>
      <SignInForm />
      <ForgotPassword />
    </main>
  );
}
