import type { Db } from '../../platform/database/database.js';
import type { ReaderSessionTable } from './account-table.js';

export interface LiveSessionRow {
  id: string;
  reader_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  email: string;
  display_name: string | null;
  email_verified_at: string | null;
  has_password: boolean;
}

export async function insertReaderSession(db: Db, row: ReaderSessionTable): Promise<void> {
  await db.insertInto('reader_sessions').values(row).execute();
}

/** The unexpired session with this token hash and its reader, in one query. */
export async function findLiveReaderSession(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<LiveSessionRow | null> {
  const row = await db
    .selectFrom('reader_sessions as s')
    .innerJoin('readers as r', 'r.id', 's.reader_id')
    .select([
      's.id',
      's.reader_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'r.email',
      'r.display_name',
      'r.email_verified_at',
      'r.password_hash',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  const { password_hash, ...rest } = row;
  return { ...rest, has_password: password_hash !== null };
}

export async function touchReaderSession(db: Db, id: string, now: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('reader_sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function listReaderSessions(
  db: Db,
  readerId: string,
  now: string,
): Promise<ReaderSessionTable[]> {
  return db
    .selectFrom('reader_sessions')
    .selectAll()
    .where('reader_id', '=', readerId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function deleteReaderSessionByToken(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('reader_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends one of the reader's own sessions; the reader id makes sure it is theirs. Returns how many ended. */
export async function deleteReaderSession(db: Db, readerId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom('reader_sessions')
    .where('id', '=', id)
    .where('reader_id', '=', readerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of a reader, but `keepId` when given (a password reset keeps the browser that did it). */
export async function deleteAllReaderSessions(db: Db, readerId: string, keepId?: string): Promise<void> {
  let query = db.deleteFrom('reader_sessions').where('reader_id', '=', readerId);
  if (keepId !== undefined) query = query.where('id', '!=', keepId);
  await query.execute();
}

export async function deleteExpiredReaderSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('reader_sessions').where('expires_at', '<=', now).execute();
}
