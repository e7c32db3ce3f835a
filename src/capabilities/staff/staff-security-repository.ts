import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type {
  StaffAuthTokenTable,
  StaffSecurityEventTable,
  StaffTwoFactorTable,
} from './staff-security-table.js';

export type StaffAuthTokenRow = Selectable<StaffAuthTokenTable>;
export type StaffTwoFactorRow = Selectable<StaffTwoFactorTable>;

export async function insertAuthToken(db: Db, row: Insertable<StaffAuthTokenTable>): Promise<void> {
  await db.insertInto('staff_auth_tokens').values(row).execute();
}

/** A token not used, not expired and with tries left, of one of `kinds`. */
export async function findLiveAuthToken(
  db: Db,
  secretHash: string,
  kinds: readonly string[],
  now: string,
): Promise<StaffAuthTokenRow | undefined> {
  return db
    .selectFrom('staff_auth_tokens')
    .selectAll()
    .where('secret_hash', '=', secretHash)
    .where('kind', 'in', kinds)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('tries_left', '>', 0)
    .executeTakeFirst();
}

/** Spends a token; false when another request spent it first (a token works once). */
export async function spendAuthToken(db: Db, id: string, now: string): Promise<boolean> {
  const spent = await db
    .updateTable('staff_auth_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return spent !== undefined;
}

export async function loseAuthTokenTry(db: Db, id: string): Promise<void> {
  await db
    .updateTable('staff_auth_tokens')
    .set((eb) => ({ tries_left: eb('tries_left', '-', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Removes a staff member's tokens of some kinds (a new reset replaces the old; a reset ends them all). */
export async function deleteAuthTokens(db: Db, staffId: string, kinds: readonly string[]): Promise<void> {
  await db
    .deleteFrom('staff_auth_tokens')
    .where('staff_id', '=', staffId)
    .where('kind', 'in', kinds)
    .execute();
}

export async function deleteExpiredAuthTokens(db: Db, now: string): Promise<void> {
  await db.deleteFrom('staff_auth_tokens').where('expires_at', '<=', now).execute();
}

export async function findTwoFactor(db: Db, staffId: string): Promise<StaffTwoFactorRow | undefined> {
  return db.selectFrom('staff_two_factor').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
}

export async function saveTwoFactor(db: Db, row: Insertable<StaffTwoFactorTable>): Promise<void> {
  await db
    .insertInto('staff_two_factor')
    .values(row)
    .onConflict((oc) =>
      oc.column('staff_id').doUpdateSet({
        secret: row.secret,
        created_at: row.created_at,
        confirmed_at: row.confirmed_at ?? null,
        last_step: row.last_step ?? null,
      }),
    )
    .execute();
}

/**
 * Records the step a code was accepted for, only if it is later than the last one: of two requests
 * with the same code at once, one wins (replay).
 */
export async function useTwoFactorStep(
  db: Db,
  staffId: string,
  step: number,
  confirmedAt: string | null,
): Promise<boolean> {
  const used = await db
    .updateTable('staff_two_factor')
    .set({ last_step: step, ...(confirmedAt === null ? {} : { confirmed_at: confirmedAt }) })
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('staff_id')
    .executeTakeFirst();
  return used !== undefined;
}

export async function deleteTwoFactor(db: Db, staffId: string): Promise<boolean> {
  const gone = await db
    .deleteFrom('staff_two_factor')
    .where('staff_id', '=', staffId)
    .returning('staff_id')
    .executeTakeFirst();
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  return gone !== undefined;
}

export async function replaceRecoveryCodes(
  db: Db,
  staffId: string,
  rows: ReadonlyArray<{ id: string; code_hash: string; created_at: string }>,
): Promise<void> {
  await db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  await db
    .insertInto('staff_recovery_codes')
    .values(rows.map((r) => ({ ...r, staff_id: staffId, used_at: null })))
    .execute();
}

/** Spends an unused recovery code of this staff member; false when there is none such. */
export async function spendRecoveryCode(
  db: Db,
  staffId: string,
  codeHash: string,
  now: string,
): Promise<boolean> {
  const spent = await db
    .updateTable('staff_recovery_codes')
    .set({ used_at: now })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return spent !== undefined;
}

export async function countRecoveryCodesLeft(db: Db, staffId: string): Promise<number> {
  const { n } = await db
    .selectFrom('staff_recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertSecurityEvent(db: Db, row: Insertable<StaffSecurityEventTable>): Promise<void> {
  await db.insertInto('staff_security_events').values(row).execute();
}

export async function listSecurityEvents(db: Db, staffId: string) {
  return db
    .selectFrom('staff_security_events')
    .selectAll()
    .where('staff_id', '=', staffId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findPolicy(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('staff_policy').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function savePolicy(
  db: Db,
  row: { key: string; value: string; updated_at: string; updated_by: string | null },
): Promise<void> {
  await db
    .insertInto('staff_policy')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

/** Ends every session of a staff member but one (a password change keeps the session that made it). */
export async function deleteOtherSessions(db: Db, staffId: string, keepId: string | null): Promise<number> {
  const ended = await db
    .deleteFrom('staff_sessions')
    .where('staff_id', '=', staffId)
    .$if(keepId !== null, (q) => q.where('id', '!=', keepId as string))
    .returning('id')
    .execute();
  return ended.length;
}

/** Ends the sessions of every active staff member without confirmed two-factor (the owner's new rule). */
export async function deleteSessionsWithoutTwoFactor(db: Db): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where((eb) =>
      eb(
        'staff_id',
        'not in',
        eb.selectFrom('staff_two_factor').select('staff_id').where('confirmed_at', 'is not', null),
      ),
    )
    .execute();
}

export async function updatePasswordHash(db: Db, staffId: string, hash: string, now: string): Promise<void> {
  await db
    .updateTable('staff')
    .set({ password_hash: hash, updated_at: now })
    .where('id', '=', staffId)
    .execute();
}
