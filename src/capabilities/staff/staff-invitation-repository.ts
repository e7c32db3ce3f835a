import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { StaffInvitationTable } from './staff-table.js';

export type InvitationRow = Selectable<StaffInvitationTable>;

export async function insertInvitation(db: Db, row: Insertable<StaffInvitationTable>): Promise<void> {
  await db.insertInto('staff_invitations').values(row).execute();
}

export async function findInvitationById(db: Db, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('staff_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findInvitationByTokenHash(db: Db, hash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('staff_invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Invitations neither accepted nor cancelled (expired ones too: they can be sent again), newest first. */
export async function listOpenInvitationRows(db: Db): Promise<InvitationRow[]> {
  return db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Cancels every open invitation to this address: a new one replaces them. */
export async function cancelOpenInvitationsTo(db: Db, email: string, at: string): Promise<void> {
  await db
    .updateTable('staff_invitations')
    .set({ cancelled_at: at })
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
}

/** A new secret and expiry for an open invitation; false when it is no longer open. */
export async function renewInvitation(
  db: Db,
  id: string,
  change: { token_hash: string; expires_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('staff_invitations')
    .set(change)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function cancelInvitationRow(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_invitations')
    .set({ cancelled_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends an invitation (once: a second accept at the same time finds it spent). */
export async function acceptInvitationRow(db: Db, id: string, staffId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('staff_invitations')
    .set({ accepted_at: at, staff_id: staffId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
