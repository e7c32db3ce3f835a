import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Input, Label, TextField } from 'react-aria-components';
import { api } from '../api/client';
import { ChoiceField } from '../shell/ChoiceField';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { type ActivitySearch, activityQuery } from './activity-search';
import { type AuditEvent, useStaffList } from './staff-queries';
import './staff.css';
import { BusyButton } from '../shell/BusyButton';

/** The trail's actions in words (the server's list; one it adds later shows by its code). */
const ACTION_LABELS: Record<string, string> = {
  'article.published': 'Article published',
  'article.unpublished': 'Article unpublished',
  'article.deleted': 'Article deleted',
  'comment.deleted': 'Comment deleted',
  'demo.removed': 'Demo edition removed',
  'staff.invited': 'Staff invited',
  'staff.invitation-cancelled': 'Invitation cancelled',
  'staff.joined': 'Staff joined',
  'staff.role-changed': 'Role changed',
  'staff.deactivated': 'Staff deactivated',
  'staff.reactivated': 'Staff reactivated',
  'reader.erased': 'Reader erased',
  'settings.changed': 'Settings changed',
  'legal.published': 'Legal document published',
};

const PAGE = 50;

/** The admins' activity log: who did what and when, kept after the person or the article is gone; CSV export. */
export function ActivityPage() {
  const search = useSearch({ from: '/activity' });
  const navigate = useNavigate({ from: '/activity' });
  const timeZone = usePaperTimeZone();
  const staff = useStaffList();
  const set = (change: Partial<ActivitySearch>) =>
    void navigate({ search: (prev: ActivitySearch) => ({ ...prev, ...change }) });
  const query = activityQuery(search);
  const events = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEvent[]; nextCursor: string | null }>(
        `/audit?${query}${query ? '&' : ''}limit=${PAGE}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const who = search.actor ? staff.data?.find((s) => s.id === search.actor) : undefined;
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="activity">
      <div className="page-head">
        <h1>{who ? `Activity of ${who.name}` : 'Activity'}</h1>
        <Link to="/staff">Staff</Link>
        <a href={`/api/admin/v1/audit.csv${query ? `?${query}` : ''}`} download="activity.csv">
          Export CSV
        </a>
      </div>
      <search className="filters" aria-label="Filter activity">
        <ChoiceField
          label="Who"
          value={search.actor ?? ''}
          choices={[
            { id: '', label: 'Anyone' },
            ...(staff.data ?? []).map((s) => ({ id: s.id, label: s.name })),
          ]}
          onChange={(v) => set({ actor: v || undefined })}
        />
        <ChoiceField
          label="What"
          value={search.action ?? ''}
          choices={[
            { id: '', label: 'Anything' },
            ...Object.entries(ACTION_LABELS).map(([id, label]) => ({ id, label })),
          ]}
          onChange={(v) => set({ action: v || undefined })}
        />
        <TextField
          className="field"
          type="date"
          value={search.from ?? ''}
          onChange={(v) => set({ from: v || undefined })}
        >
          <Label>From</Label>
          <Input />
        </TextField>
        <TextField
          className="field"
          type="date"
          value={search.to ?? ''}
          onChange={(v) => set({ to: v || undefined })}
        >
          <Label>To</Label>
          <Input />
        </TextField>
      </search>
      <Problem text={events.error?.message} />
      {events.isSuccess && items.length === 0 ? (
        <p className="empty">Nothing recorded for this choice.</p>
      ) : (
        <table className="staff-table">
          <caption className="visually-hidden">What staff did, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {items.map((event) => (
              <tr key={event.id}>
                <td>
                  <time dateTime={event.at}>{formatPaperTime(event.at, timeZone, { short: true })}</time>
                </td>
                <td>
                  {event.actor.name} <span className="role">({event.actor.role})</span>
                </td>
                <td>{ACTION_LABELS[event.action] ?? event.action}</td>
                <td>{event.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.hasNextPage && (
        <div className="pager">
          <BusyButton onPress={() => void events.fetchNextPage()} busy={events.isFetchingNextPage}>
            Show older
          </BusyButton>
        </div>
      )}
    </div>
  );
}
