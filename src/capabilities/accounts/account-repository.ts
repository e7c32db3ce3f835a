import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { ReaderTable, ReaderTokenKind, ReaderTokenTable } from './account-table.js';

export type ReaderRow = ReaderTable;
export type ReaderTokenRow = ReaderTokenTable;

export async function insertReader(db: Db, row: ReaderRow): Promise<void> {
  await db.insertInto('readers').values(row).execute();
}

export async function findReaderByEmail(db: Db, emailNormalized: string): Promise<ReaderRow | null> {
  const row = await db
    .selectFrom('readers')
    .selectAll()
    .where('email_normalized', '=', emailNormalized)
    .executeTakeFirst();
  return row ?? null;
}

export async function findReaderById(db: Db, id: string): Promise<ReaderRow | null> {
  const row = await db.selectFrom('readers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ?? null;
}

export async function updateReader(
  db: Db,
  id: string,
  patch: Partial<Omit<ReaderRow, 'id' | 'created_at'>> & { updated_at: string },
): Promise<void> {
  await db.updateTable('readers').set(patch).where('id', '=', id).execute();
}

/** Erases the reader; sessions and tokens go with it (ON DELETE CASCADE), consent rows keep their hashes. */
export async function deleteReader(db: Db, id: string): Promise<void> {
  await db.deleteFrom('readers').where('id', '=', id).execute();
}

/** Sign-ups never confirmed: an address nobody proved is not kept. Returns how many went. */
export async function deleteUnconfirmedReaders(db: Db, createdBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('readers')
    .where('email_verified_at', 'is', null)
    .where('created_at', '<', createdBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertToken(db: Db, row: ReaderTokenRow): Promise<void> {
  await db.insertInto('reader_tokens').values(row).execute();
}

/** A newer token of a kind replaces the older ones: only the latest mail works. */
export async function deleteTokensOfKind(db: Db, readerId: string, kind: ReaderTokenKind): Promise<void> {
  await db.deleteFrom('reader_tokens').where('reader_id', '=', readerId).where('kind', '=', kind).execute();
}

export async function findTokenBySecret(db: Db, secretHash: string): Promise<ReaderTokenRow | null> {
  const row = await db
    .selectFrom('reader_tokens')
    .selectAll()
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  return row ?? null;
}

/** The password chosen at sign-up, waiting in the reader's unspent confirmation token. */
export async function findWaitingPassword(db: Db, readerId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('reader_tokens')
    .select('password_hash')
    .where('reader_id', '=', readerId)
    .where('kind', '=', 'verify-email')
    .where('used_at', 'is', null)
    .where('password_hash', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.password_hash ?? undefined;
}

/** The reader's unspent, unexpired tokens with a code and tries left, of the given kinds. */
export async function listCodeTokens(
  db: Db,
  readerId: string,
  kinds: ReaderTokenKind[],
  now: string,
): Promise<ReaderTokenRow[]> {
  return db
    .selectFrom('reader_tokens')
    .selectAll()
    .where('reader_id', '=', readerId)
    .where('kind', 'in', kinds)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('code_hash', 'is not', null)
    .where('tries_left', '>', 0)
    .execute();
}

/**
 * Spends a token if it is still unspent and unexpired. The condition is in the UPDATE, so of two
 * requests racing with the same link or code exactly one wins.
 */
export async function spendToken(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('reader_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function useUpTry(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('reader_tokens')
    .set((eb) => ({ tries_left: eb('tries_left', '-', 1) }))
    .where('id', 'in', ids)
    .where('tries_left', '>', 0)
    .execute();
}

export async function listReaderTokens(db: Db, readerId: string): Promise<ReaderTokenRow[]> {
  return db
    .selectFrom('reader_tokens')
    .selectAll()
    .where('reader_id', '=', readerId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Spent and expired tokens are of no use to anyone; keeping them would keep personal data for nothing. */
export async function deleteDeadTokens(db: Db, now: string): Promise<void> {
  await db
    .deleteFrom('reader_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)]))
    .execute();
}

/** Escapes LIKE's wildcards so a typed "%" or "_" is matched as itself (the query says ESCAPE '\'). */
function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Readers whose address contains `emailPart` (lower-cased, like `email_normalized`), newest first, a page
 * of `limit` after the reader `before` (ids are UUIDv7, so they sort by sign-up time).
 */
export async function searchReaders(
  db: Db,
  query: { emailPart: string; before: string | undefined; limit: number },
): Promise<ReaderRow[]> {
  let select = db.selectFrom('readers').selectAll();
  if (query.emailPart !== '') {
    select = select.where(sql<boolean>`email_normalized like ${likeContaining(query.emailPart)} escape '\\'`);
  }
  if (query.before) select = select.where('id', '<', query.before);
  return select.orderBy('id', 'desc').limit(query.limit).execute();
}
