import type { Deps } from '../../deps.js';
import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { LEGAL_KINDS } from '../legal/index.js';
import type { ConsentEntry, ConsentMethod, ConsentRange, LegalVersionRef } from './consent.js';
import { readerNotFound } from './consent-errors.js';
import {
  type AuditCursor,
  type AuditRow,
  insertConsentRows,
  type LegalVersionRow,
  listAuditPage,
  listCurrentLegalRows,
  listPendingLegalRows,
  listReaderConsentRows,
  readerExists,
} from './consent-repository.js';

/** The Terms and the Privacy Policy in force now, in that order; a sign-up accepts exactly these. */
export async function documentsForSignup(db: Db, clock: Clock): Promise<LegalVersionRef[]> {
  return toRefs(await listCurrentLegalRows(db, isoTime(clock.now())));
}

/**
 * Writes one ledger row per document, inside the caller's transaction (the account or session it
 * belongs to commits with it). The IP address and the email address are kept only as keyed hashes:
 * enough to prove a consent to the person who gave it, not to learn who gave it.
 */
export async function recordConsents(
  trx: Db,
  deps: Pick<Deps, 'clock' | 'keys'>,
  input: { readerId: string; email: string; documents: LegalVersionRef[]; method: ConsentMethod; ip: string },
): Promise<void> {
  const now = deps.clock.now();
  const ipHash = deps.keys.mac('address-hash', input.ip);
  const subjectHash = subjectHashOf(deps, input.email);
  await insertConsentRows(
    trx,
    input.documents.map((doc) => ({
      id: newId(now.getTime()),
      reader_id: input.readerId,
      subject_hash: subjectHash,
      document_id: doc.documentId,
      kind: doc.kind,
      version: doc.version,
      method: input.method,
      ip_hash: ipHash,
      accepted_at: isoTime(now),
    })),
  );
}

/** The hash that keys a reader's consent proof once the account is gone. */
export function subjectHashOf(deps: Pick<Deps, 'keys'>, email: string): string {
  return deps.keys.mac('subject-hash', email.trim().toLowerCase());
}

/**
 * The current versions the reader must accept before reading on: empty for nearly everyone, in
 * one query (it runs on every signed-in article view).
 */
export async function pendingConsents(db: Db, clock: Clock, readerId: string): Promise<LegalVersionRef[]> {
  return toRefs(await listPendingLegalRows(db, readerId, isoTime(clock.now())));
}

/** Everything the reader accepted, newest first. */
export async function consentHistory(db: Db, readerId: string): Promise<ConsentEntry[]> {
  const rows = await listReaderConsentRows(db, readerId);
  return rows.map((row) => ({
    documentId: row.document_id,
    kind: row.kind,
    version: Number(row.version),
    title: row.title,
    acceptedAt: row.accepted_at,
    method: row.method as ConsentMethod,
  }));
}

function toRefs(rows: LegalVersionRow[]): LegalVersionRef[] {
  return rows
    .map((row) => ({ documentId: row.id, kind: row.kind, version: Number(row.version), title: row.title }))
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
}

function kindOrder(kind: string): number {
  return (LEGAL_KINDS as readonly string[]).indexOf(kind);
}

/** What staff see of one reader: the history, and what they must still accept. 404 for no such reader. */
export async function readerConsents(
  db: Db,
  clock: Clock,
  readerId: string,
): Promise<{ history: ConsentEntry[]; pending: LegalVersionRef[] }> {
  if (!(await readerExists(db, readerId))) throw readerNotFound(readerId);
  const [history, pending] = await Promise.all([
    consentHistory(db, readerId),
    pendingConsents(db, clock, readerId),
  ]);
  return { history, pending };
}

const AUDIT_PAGE = 500;

/**
 * The whole ledger in time order, a page at a time, so an export of millions of rows holds only
 * one page in memory. Rows are only ever inserted, so paging on (accepted_at, id) sends each row
 * once; a consent committed while the export runs may or may not be in it.
 */
export async function* auditRows(db: Db, range: ConsentRange): AsyncGenerator<AuditRow> {
  let cursor: AuditCursor | null = null;
  for (;;) {
    const page = await listAuditPage(db, range, cursor, AUDIT_PAGE);
    yield* page;
    const last = page.at(-1);
    if (page.length < AUDIT_PAGE || last === undefined) return;
    cursor = { acceptedAt: last.accepted_at, id: last.id };
  }
}
