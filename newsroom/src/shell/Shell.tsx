import { Link, Outlet } from '@tanstack/react-router';
import { Button } from 'react-aria-components';
import { CommandsProvider } from './commands';
import { ResetPasswordPage } from './PasswordReset';
import { SignInPage } from './SignInPage';
import { useSession } from './session';

/** The frame of every screen: the newsroom's navigation and who is signed in, or the sign-in page. */
export function Shell() {
  const { staff, signOut } = useSession();
  // The link of a password-reset mail opens its own page, signed in or not.
  if (window.location.pathname.endsWith('/reset-password')) return <ResetPasswordPage />;
  if (staff === undefined) return <p className="loading">Opening the newsroom…</p>;
  if (staff === null) return <SignInPage />;
  return (
    <CommandsProvider>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="masthead">
        <nav aria-label="Newsroom">
          <Link to="/" className="brand">
            Newsroom
          </Link>
          <Link to="/" activeOptions={{ exact: true, includeSearch: false }}>
            Budget
          </Link>
        </nav>
        <div className="who">
          <span>
            {staff.name} <span className="role">({staff.role})</span>
          </span>
          <Button onPress={() => void signOut()}>Sign out</Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </CommandsProvider>
  );
}
