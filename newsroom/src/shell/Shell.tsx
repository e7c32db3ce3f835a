import { Link, Outlet } from '@tanstack/react-router';
import { Button } from 'react-aria-components';
import { CommandsProvider } from './commands';
import { later } from './later';
import { ResetPasswordPage } from './PasswordReset';
import { usePublication } from './publication';
import { roleAtLeast } from './roles';
import { SignInPage } from './SignInPage';
import { useSession } from './session';

// The page an invitation mail links to: loaded only when such a link is opened.
const JoinPage = later(() => import('../staff/JoinPage').then((m) => m.JoinPage));

/** The frame of every screen: the newsroom's navigation and who is signed in, or the sign-in page. */
export function Shell() {
  const { staff, signOut } = useSession();
  // Asked for at once, so the first times on screen are already in the paper's zone.
  usePublication(Boolean(staff));
  // The link of a password-reset mail opens its own page, signed in or not.
  if (window.location.pathname.endsWith('/reset-password')) return <ResetPasswordPage />;
  if (window.location.pathname.endsWith('/join')) return <JoinPage />;
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
          <Link to="/front-page">Front page</Link>
          <Link to="/photos">Photos</Link>
          <Link to="/sections">Sections</Link>
          {(staff.role === 'admin' || staff.role === 'owner') && <Link to="/staff">Staff</Link>}
          {roleAtLeast(staff.role, 'admin') && <Link to="/settings">Settings</Link>}
          {roleAtLeast(staff.role, 'editor') && <Link to="/readers">Readers</Link>}
          {roleAtLeast(staff.role, 'admin') && <Link to="/legal">Legal</Link>}
          <Link to="/webhooks">Webhooks</Link>
          <Link to="/corrections">Corrections</Link>
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
