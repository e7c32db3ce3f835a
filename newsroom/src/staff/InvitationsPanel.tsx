import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { BusyButton } from '../shell/BusyButton';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { ROLE_LABELS, useInvitations } from './staff-queries';
import { useSubmit } from './use-submit';

/** Invitations not yet used: sent again (a new link, 72 new hours) or cancelled. */
export function InvitationsPanel({ timeZone }: { timeZone: string }) {
  const client = useQueryClient();
  const invitations = useInvitations();
  const submit = useSubmit();
  const act = (path: string, method: 'POST' | 'DELETE') =>
    void submit.run(async () => {
      await api(path, { method, ...(method === 'POST' ? { body: {} } : {}) });
      await client.invalidateQueries({ queryKey: ['invitations'] });
    });

  const items = invitations.data ?? [];
  return (
    <section aria-labelledby="invitations-heading" className="staff-section">
      <h2 id="invitations-heading">Invitations</h2>
      <Problem text={invitations.error?.message ?? submit.formError} />
      {items.length === 0 ? (
        <p className="empty">No invitation is waiting.</p>
      ) : (
        <ul className="plain-list">
          {items.map((invitation) => (
            <li key={invitation.id}>
              <span>
                <strong>{invitation.name}</strong> {invitation.email} · {ROLE_LABELS[invitation.role]} ·
                invited by {invitation.invitedBy.name} ·{' '}
                {invitation.state === 'expired' ? (
                  <span className="error">expired</span>
                ) : (
                  `link works until ${formatPaperTime(invitation.expiresAt, timeZone, { short: true })}`
                )}
              </span>
              <span className="row-actions">
                <BusyButton
                  aria-label={`Send the invitation to ${invitation.email} again`}
                  busy={submit.busy}
                  onPress={() => act(`/staff/invitations/${invitation.id}/resend`, 'POST')}
                >
                  Send again
                </BusyButton>
                <BusyButton
                  aria-label={`Cancel the invitation to ${invitation.email}`}
                  busy={submit.busy}
                  onPress={() => act(`/staff/invitations/${invitation.id}`, 'DELETE')}
                >
                  Cancel invitation
                </BusyButton>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
