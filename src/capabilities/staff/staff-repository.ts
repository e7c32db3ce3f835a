import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { StaffTable } from './staff-table.js';

export type StaffRow = Selectable<StaffTable>;

export async function findStaffByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertStaff(db: Db, row: Insertable<StaffTable>): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function countStaff(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffByIds(db: Db, ids: readonly string[]): Promise<StaffRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('staff').selectAll().where('id', 'in', ids).execute();
}

/** Sessions are deleted at sign-out, so the staff list reads the last sign-in from here. */
export async function markSignedIn(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('staff').set({ last_signed_in_at: at }).where('id', '=', id).execute();
}

/** Every account with whether two-factor is on (confirmed), for the Staff screen. */
export async function listStaffOverviewRows(
  db: Db,
): Promise<(StaffRow & { two_factor_on: string | null })[]> {
  return db
    .selectFrom('staff')
    .leftJoin('staff_two_factor', 'staff_two_factor.staff_id', 'staff.id')
    .selectAll('staff')
    .select('staff_two_factor.confirmed_at as two_factor_on')
    .orderBy('staff.name')
    .orderBy('staff.email')
    .execute();
}

export async function updateStaffRow(
  db: Db,
  id: string,
  changes: Partial<Pick<StaffRow, 'name' | 'role' | 'disabled_at' | 'updated_at'>>,
): Promise<StaffRow | undefined> {
  return db.updateTable('staff').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/**
 * Ids of the owners who can still sign in. Inside a transaction on PostgreSQL the rows are locked
 * (FOR UPDATE), so two owners demoting each other at once cannot both pass the last-owner check;
 * SQLite has one writer at a time and needs no lock (and has no FOR UPDATE).
 */
export async function lockActiveOwnerIds(db: Db, dialect: 'sqlite' | 'postgres'): Promise<string[]> {
  const rows = await db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .execute();
  return rows.map((r) => r.id);
}

/** Every staff member who can sign in, by name: who a colleague may mention or ask for. */
export async function listColleagueRows(db: Db): Promise<Pick<StaffRow, 'id' | 'name'>[]> {
  return db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
