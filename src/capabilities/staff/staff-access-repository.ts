import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { ApiTokenTable, StaffSessionTable } from './staff-access-table.js';

export type StaffSessionRow = Selectable<StaffSessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function insertSession(db: Db, row: Insertable<StaffSessionTable>): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

/** A live session with its staff member, or nothing when unknown, expired or the account is disabled. */
export async function findLiveSession(db: Db, id: string, now: string) {
  return db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff', 'staff.id', 's.staff_id')
    .select([
      's.id',
      's.csrf_token',
      's.created_at',
      's.expires_at',
      's.last_seen_at',
      'staff.id as staff_id',
      'staff.name as staff_name',
      'staff.role as staff_role',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfStaff(db: Db, staffId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(db: Db, row: Insertable<ApiTokenTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/**
 * An unrevoked token with its maker's current role, or nothing when unknown, revoked, or its maker
 * is disabled or gone: a token never outlives the rights of the person who made it.
 */
export async function findLiveApiToken(db: Db, hash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('staff', 'staff.id', 't.created_by')
    .select(['t.id', 't.name', 't.role', 't.last_used_at', 'staff.role as maker_role'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where('staff.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function findApiTokenById(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every token, newest first, revoked ones included (the list is also the record of what existed). */
export async function listApiTokenRows(db: Db): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc').execute();
}

export async function markApiTokenUsed(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Revokes every live token a staff member made (their account is being disabled). */
export async function revokeApiTokensOf(db: Db, staffId: string, at: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('created_by', '=', staffId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function markApiTokenRevoked(db: Db, id: string, at: string): Promise<ApiTokenRow | undefined> {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
