import { useState } from 'react';
import { Button, Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { roleAtLeast } from '../shell/roles';
import { useStaff } from '../shell/session';
import { type Erased, EraseReaderDialog } from './EraseReaderDialog';
import { useReader, useReaderConsents } from './reader-queries';

const KIND_NAMES: Record<string, string> = { terms: 'Terms of Use', privacy: 'Privacy Policy' };

/** One reader: the account, its consent history and what is pending, its sessions; erasure for admins. */
export function ReaderPanel({ id, onErased }: { id: string; onErased(erased: Erased): void }) {
  const staff = useStaff();
  const zone = usePaperTimeZone();
  const reader = useReader(id);
  const consents = useReaderConsents(id);
  const [erasing, setErasing] = useState(false);
  if (reader.isError) return <Problem text={reader.error.message} />;
  if (!reader.data) return <p className="loading">Loading the reader…</p>;
  const r = reader.data;
  const when = (at: string) => formatPaperTime(at, zone);
  return (
    <section className="reader-panel" aria-labelledby="reader-heading">
      <div className="page-head">
        <h2 id="reader-heading">{r.email}</h2>
        {roleAtLeast(staff.role, 'admin') && (
          <Button className="danger" onPress={() => setErasing(true)}>
            Erase this reader
          </Button>
        )}
      </div>
      <p>
        {r.displayName ? `${r.displayName} · ` : ''}signed up {when(r.createdAt)} ·{' '}
        {r.emailVerifiedAt ? 'address confirmed' : 'address not confirmed'} ·{' '}
        {r.hasPassword ? 'signs in with a password' : 'signs in with mailed links and codes'}
      </p>

      <h3 id="consents-heading">Consent history</h3>
      {consents.isError && <Problem text={consents.error.message} />}
      {consents.data && consents.data.pending.length > 0 && (
        <p className="notice">
          Must still accept:{' '}
          {consents.data.pending
            .map((p) => `${KIND_NAMES[p.kind] ?? p.kind} version ${p.version}`)
            .join(', ')}{' '}
          (asked at their next page).
        </p>
      )}
      <Table aria-labelledby="consents-heading" className="data-table">
        <TableHeader>
          <Column isRowHeader>Document</Column>
          <Column>Version</Column>
          <Column>Accepted</Column>
          <Column>How</Column>
        </TableHeader>
        <TableBody items={consents.data?.consents ?? []} renderEmptyState={() => 'No consents recorded.'}>
          {(c) => (
            <Row id={`${c.documentId}-${c.acceptedAt}`}>
              <Cell>{KIND_NAMES[c.kind] ?? c.title}</Cell>
              <Cell>{c.version}</Cell>
              <Cell>{when(c.acceptedAt)}</Cell>
              <Cell>{c.method === 'signup' ? 'at sign-up' : 'when asked again'}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>

      <h3 id="sessions-heading">Sessions</h3>
      <Table aria-labelledby="sessions-heading" className="data-table">
        <TableHeader>
          <Column isRowHeader>Browser</Column>
          <Column>Signed in</Column>
          <Column>Last seen</Column>
          <Column>Ends</Column>
        </TableHeader>
        <TableBody items={r.sessions} renderEmptyState={() => 'Not signed in anywhere.'}>
          {(s) => (
            <Row id={s.id}>
              <Cell>{s.userAgent ?? 'unknown browser'}</Cell>
              <Cell>{when(s.createdAt)}</Cell>
              <Cell>{when(s.lastSeenAt)}</Cell>
              <Cell>{when(s.expiresAt)}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
      {erasing && (
        <EraseReaderDialog
          reader={r}
          onClose={() => setErasing(false)}
          onErased={(erased) => {
            setErasing(false);
            onErased(erased);
          }}
        />
      )}
    </section>
  );
}
