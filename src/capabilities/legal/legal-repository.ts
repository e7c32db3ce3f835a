import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { LegalDocumentTable } from './legal-table.js';

export type LegalDocumentRow = Selectable<LegalDocumentTable>;

export type LegalSummaryRow = Omit<LegalDocumentRow, 'body'>;

/** Every version of one kind, newest first, without the bodies (a policy can run to many pages). */
export async function listLegalSummaryRows(db: Db, kind: string): Promise<LegalSummaryRow[]> {
  return db
    .selectFrom('legal_documents')
    .select([
      'id',
      'kind',
      'version',
      'title',
      'summary_of_changes',
      'requires_acceptance',
      'effective_at',
      'published_at',
      'published_by',
    ])
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .execute();
}

export async function findLegalRow(
  db: Db,
  kind: string,
  version: number,
): Promise<LegalDocumentRow | undefined> {
  return db
    .selectFrom('legal_documents')
    .selectAll()
    .where('kind', '=', kind)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function findLatestLegalRow(db: Db, kind: string): Promise<LegalDocumentRow | undefined> {
  return db
    .selectFrom('legal_documents')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest version whose effective time is at or before `now` (ISO text compares as time, ADR 0002). */
export async function findCurrentLegalRow(
  db: Db,
  kind: string,
  now: string,
): Promise<LegalDocumentRow | undefined> {
  return db
    .selectFrom('legal_documents')
    .selectAll()
    .where('kind', '=', kind)
    .where('effective_at', '<=', now)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertLegalRow(db: Db, row: Insertable<LegalDocumentTable>): Promise<void> {
  await db.insertInto('legal_documents').values(row).execute();
}
