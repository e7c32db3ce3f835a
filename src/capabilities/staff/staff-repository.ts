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
