import type { Insertable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { ConsentTable } from './consent-table.js';

/*
 * The ledger reads legal_documents directly (never writes it): the pending check joins the two
 * tables in one query because it runs on every signed-in reader's article view.
 */

export interface LegalVersionRow {
  id: string;
  kind: string;
  version: number;
  title: string;
}

/** The version of each kind in force at `now` (the newest whose effective time has come). */
export async function listCurrentLegalRows(db: Db, now: string): Promise<LegalVersionRow[]> {
  return db
    .selectFrom('legal_documents as cur')
    .select(['cur.id', 'cur.kind', 'cur.version', 'cur.title'])
    .where('cur.effective_at', '<=', now)
    .where('cur.version', '=', (eb) =>
      eb
        .selectFrom('legal_documents as x')
        .select((x) => x.fn.max('x.version').as('v'))
        .whereRef('x.kind', '=', 'cur.kind')
        .where('x.effective_at', '<=', now),
    )
    .execute();
}

/**
 * The current version of each kind for which some version in force, marked requires_acceptance,
 * has not been accepted by the reader at that version or a later one. Accepting a later version
 * covers the earlier changes; a plain version published after an unaccepted required one does
 * not wave it through.
 */
export async function listPendingLegalRows(
  db: Db,
  readerId: string,
  now: string,
): Promise<LegalVersionRow[]> {
  return db
    .selectFrom('legal_documents as cur')
    .select(['cur.id', 'cur.kind', 'cur.version', 'cur.title'])
    .where('cur.effective_at', '<=', now)
    .where('cur.version', '=', (eb) =>
      eb
        .selectFrom('legal_documents as x')
        .select((x) => x.fn.max('x.version').as('v'))
        .whereRef('x.kind', '=', 'cur.kind')
        .where('x.effective_at', '<=', now),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('legal_documents as r')
          .select('r.id')
          .whereRef('r.kind', '=', 'cur.kind')
          .where('r.requires_acceptance', '=', 1)
          .where('r.effective_at', '<=', now)
          .where((inner) =>
            inner.not(
              inner.exists(
                inner
                  .selectFrom('consents as c')
                  .select('c.id')
                  .where('c.reader_id', '=', readerId)
                  .whereRef('c.kind', '=', 'r.kind')
                  .whereRef('c.version', '>=', 'r.version'),
              ),
            ),
          ),
      ),
    )
    .execute();
}

export async function insertConsentRows(db: Db, rows: Insertable<ConsentTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('consents').values(rows).execute();
}

export interface ConsentHistoryRow {
  document_id: string;
  kind: string;
  version: number;
  title: string;
  method: string;
  accepted_at: string;
}

export async function listReaderConsentRows(db: Db, readerId: string): Promise<ConsentHistoryRow[]> {
  return db
    .selectFrom('consents as c')
    .innerJoin('legal_documents as d', 'd.id', 'c.document_id')
    .select(['c.document_id', 'c.kind', 'c.version', 'd.title', 'c.method', 'c.accepted_at'])
    .where('c.reader_id', '=', readerId)
    .orderBy('c.accepted_at', 'desc')
    .orderBy('c.kind', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** How many ledger rows a reader has and the keyed hashes of the addresses they were given with. */
export async function readerConsentProof(
  db: Db,
  readerId: string,
): Promise<{ entries: number; subjectHashes: string[] }> {
  const rows = await db
    .selectFrom('consents')
    .select(['subject_hash', db.fn.countAll<number | string>().as('n')])
    .where('reader_id', '=', readerId)
    .groupBy('subject_hash')
    .orderBy('subject_hash')
    .execute();
  return {
    entries: rows.reduce((sum, row) => sum + Number(row.n), 0),
    subjectHashes: rows.map((row) => row.subject_hash),
  };
}

/** Every version of `kind` after `afterVersion` in force at `now`, oldest first: what changed since. */
export async function listLegalChangesSince(
  db: Db,
  kind: string,
  afterVersion: number,
  now: string,
): Promise<{ version: number; title: string; summary_of_changes: string }[]> {
  return db
    .selectFrom('legal_documents')
    .select(['version', 'title', 'summary_of_changes'])
    .where('kind', '=', kind)
    .where('version', '>', afterVersion)
    .where('effective_at', '<=', now)
    .orderBy('version', 'asc')
    .execute();
}

export interface AuditRow {
  id: string;
  reader_id: string | null;
  subject_hash: string;
  kind: string;
  version: number;
  title: string;
  method: string;
  accepted_at: string;
  ip_hash: string;
}

/** Where the audit export is in the ledger: the last row sent, in (accepted_at, id) order. */
export interface AuditCursor {
  acceptedAt: string;
  id: string;
}

/** One page of the ledger in time order, after `cursor`, within [from, before). */
export async function listAuditPage(
  db: Db,
  range: { from: string | null; before: string | null },
  cursor: AuditCursor | null,
  limit: number,
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('consents as c')
    .innerJoin('legal_documents as d', 'd.id', 'c.document_id')
    .select([
      'c.id',
      'c.reader_id',
      'c.subject_hash',
      'c.kind',
      'c.version',
      'd.title',
      'c.method',
      'c.accepted_at',
      'c.ip_hash',
    ]);
  if (range.from !== null) query = query.where('c.accepted_at', '>=', range.from);
  if (range.before !== null) query = query.where('c.accepted_at', '<', range.before);
  if (cursor !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('c.accepted_at', '>', cursor.acceptedAt),
        eb.and([eb('c.accepted_at', '=', cursor.acceptedAt), eb('c.id', '>', cursor.id)]),
      ]),
    );
  }
  return query.orderBy('c.accepted_at', 'asc').orderBy('c.id', 'asc').limit(limit).execute();
}

export async function readerExists(db: Db, readerId: string): Promise<boolean> {
  const row = await db.selectFrom('readers').select('id').where('id', '=', readerId).executeTakeFirst();
  return row !== undefined;
}
