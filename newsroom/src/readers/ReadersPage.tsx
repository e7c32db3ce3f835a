import { type FormEvent, useState } from 'react';
import { Button, Form, Input, Label, SearchField } from 'react-aria-components';
import { Problem } from '../shell/Problem';
import { formatPaperTime } from '../shell/paper-time';
import { usePaperTimeZone } from '../shell/publication';
import { roleAtLeast } from '../shell/roles';
import { useStaff } from '../shell/session';
import type { Erased } from './EraseReaderDialog';
import { LedgerExport } from './LedgerExport';
import { ReaderPanel } from './ReaderPanel';
import { useReaderSearch } from './reader-queries';
import './readers.css';
import { BusyButton } from '../shell/BusyButton';

/** Readers: search by address, one reader's consents and sessions, erasure on request, the ledger as CSV. */
export function ReadersPage() {
  const staff = useStaff();
  const zone = usePaperTimeZone();
  const [typed, setTyped] = useState('');
  const [email, setEmail] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [erased, setErased] = useState<Erased | null>(null);
  const found = useReaderSearch(email);
  const readers = found.data?.pages.flatMap((page) => page.readers) ?? [];

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEmail(typed.trim());
    setChosen(null);
  };

  return (
    <div className="readers-page">
      <div className="page-head">
        <h1>Readers</h1>
      </div>
      {erased && (
        <p role="status" className="notice">
          Reader erased. The ledger keeps {erased.kept.entries} consent{' '}
          {erased.kept.entries === 1 ? 'entry' : 'entries'}, keyed by{' '}
          {erased.kept.subjectHashes.map((h) => (
            <code key={h}>{h}</code>
          ))}
          .
        </p>
      )}
      <div className="readers-columns">
        <div>
          <Form className="filters" onSubmit={search} role="search" aria-label="Readers">
            <SearchField className="field reader-search" value={typed} onChange={setTyped}>
              <Label>Search by email</Label>
              <Input />
            </SearchField>
            <Button type="submit">Search</Button>
          </Form>
          {found.isError && <Problem text={found.error.message} />}
          <ul className="reader-list" aria-label="Readers found">
            {readers.map((r) => (
              <li key={r.id}>
                <Button
                  className={`link-button ${chosen === r.id ? 'chosen' : ''}`}
                  onPress={() => {
                    setChosen(r.id);
                    setErased(null);
                  }}
                  aria-current={chosen === r.id ? 'true' : undefined}
                >
                  {r.email}
                </Button>
                <span className="meta"> · since {formatPaperTime(r.createdAt, zone, { short: true })}</span>
              </li>
            ))}
          </ul>
          {found.isSuccess && readers.length === 0 && <p className="empty">No reader has such an address.</p>}
          {found.hasNextPage && (
            <BusyButton onPress={() => void found.fetchNextPage()} busy={found.isFetchingNextPage}>
              More readers
            </BusyButton>
          )}
        </div>
        <div>
          {chosen ? (
            <ReaderPanel
              key={chosen}
              id={chosen}
              onErased={(result) => {
                setErased(result);
                setChosen(null);
              }}
            />
          ) : (
            <p className="empty">Choose a reader to see their consents and sessions.</p>
          )}
        </div>
      </div>
      {roleAtLeast(staff.role, 'admin') && <LedgerExport />}
    </div>
  );
}
