import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { useStaff } from '../shell/session';
import { InvitationsPanel } from './InvitationsPanel';
import { InviteDialog } from './InviteDialog';
import { DeactivateDialog, ReactivateButton, RoleDialog } from './StaffDialogs';
import { ROLE_LABELS, type StaffLine, useStaffList } from './staff-queries';
import { TokensPanel } from './TokensPanel';
import './staff.css';

type Open = { kind: 'invite' } | { kind: 'role' | 'deactivate'; person: StaffLine } | null;

/** The Staff screen (admins and owners): who is on the staff, invitations, roles, deactivation, API tokens. */
export function StaffPage() {
  const me = useStaff();
  const timeZone = usePaperTimeZone();
  const staff = useStaffList();
  const [open, setOpen] = useState<Open>(null);
  const [sent, setSent] = useState<string | null>(null);
  const close = () => setOpen(null);

  return (
    <div className="staff">
      <div className="page-head">
        <h1>Staff</h1>
        <Link to="/activity">Activity</Link>
        <Button className="primary" onPress={() => setOpen({ kind: 'invite' })}>
          Invite
        </Button>
      </div>
      {sent && (
        <p role="status" className="notice">
          An invitation is on its way to {sent}. The link works once, for 72 hours.
        </p>
      )}
      <Problem text={staff.error?.message} />
      <table className="staff-table">
        <caption className="visually-hidden">Staff accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(staff.data ?? []).map((person) => (
            <tr key={person.id} className={person.disabled ? 'deactivated' : undefined}>
              <th scope="row">{person.name}</th>
              <td>{person.email}</td>
              <td>{ROLE_LABELS[person.role]}</td>
              <td>{person.twoFactor ? 'On' : 'Off'}</td>
              <td>
                {person.lastSignInAt
                  ? formatPaperTime(person.lastSignInAt, timeZone, { short: true })
                  : 'Never'}
              </td>
              <td>{person.disabled ? 'Deactivated' : 'Active'}</td>
              <td>
                <div className="row-actions">
                  <Link
                    to="/activity"
                    search={{ actor: person.id }}
                    aria-label={`Activity of ${person.name}`}
                  >
                    Activity
                  </Link>
                  {person.id !== me.id && (
                    <>
                      <Button
                        aria-label={`Change the role of ${person.name}`}
                        onPress={() => setOpen({ kind: 'role', person })}
                      >
                        Role…
                      </Button>
                      {person.disabled ? (
                        <ReactivateButton person={person} />
                      ) : (
                        <Button
                          aria-label={`Deactivate ${person.name}`}
                          onPress={() => setOpen({ kind: 'deactivate', person })}
                        >
                          Deactivate
                        </Button>
                      )}
                    </>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InvitationsPanel timeZone={timeZone} />
      <TokensPanel actorRole={me.role} timeZone={timeZone} />
      {open?.kind === 'invite' && (
        <InviteDialog
          actorRole={me.role}
          onClose={close}
          onSent={(email) => {
            setSent(email);
            close();
          }}
        />
      )}
      {open?.kind === 'role' && <RoleDialog person={open.person} actorRole={me.role} onClose={close} />}
      {open?.kind === 'deactivate' && <DeactivateDialog person={open.person} onClose={close} />}
    </div>
  );
}
