import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { DatabaseHandle, Db } from '../../platform/database/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { type Actor, assertRole } from './actor.js';
import {
  checkRoleChange,
  isStaffRole,
  roleAtLeast,
  STAFF_ROLES,
  type StaffMember,
  type StaffRole,
} from './staff.js';
import { deleteSessionsOfStaff, revokeApiTokensOf } from './staff-access-repository.js';
import type { RecordStaffAudit } from './staff-audit.js';
import {
  findStaffById,
  listStaffOverviewRows,
  lockActiveOwnerIds,
  type StaffRow,
  updateStaffRow,
} from './staff-repository.js';
import { createStaff, toStaffMember } from './staff-service.js';

/** Staff management from the Admin API: listing, adding and changing accounts, with role rules. */

/** A staff member as the Staff screen lists them: with two-factor and the last sign-in. */
export interface StaffOverview extends StaffMember {
  readonly twoFactor: boolean;
  readonly lastSignInAt: string | null;
}

export async function listStaff(database: DatabaseHandle, actor: Actor): Promise<StaffOverview[]> {
  assertRole(actor, 'admin', 'see the staff list');
  return (await listStaffOverviewRows(database.db)).map((row) => ({
    ...toStaffMember(row),
    twoFactor: row.two_factor_on !== null,
    lastSignInAt: row.last_signed_in_at,
  }));
}

/** Adds an account; admins add up to editor, only owners add admins and owners (403 FORBIDDEN). */
export async function addStaff(
  database: DatabaseHandle,
  clock: Clock,
  actor: Actor,
  input: { email: string; name: string; role: string; password: string },
): Promise<StaffMember> {
  assertRole(actor, 'admin', 'add staff');
  if (isStaffRole(input.role)) assertRights(actor, null, input.role);
  return createStaff(database.db, clock, input);
}

export interface StaffChange {
  name?: string;
  role?: string;
  disabled?: boolean;
}

/**
 * Changes an account's name, role or disabled state. Disabling ends every session of the account and
 * revokes every API token it made; a demotion ends its sessions (its tokens read its role on each
 * request, so they are capped at once). The last active owner cannot be demoted or disabled (409 LAST_OWNER): someone must always be
 * able to manage the paper.
 */
export async function changeStaff(
  database: DatabaseHandle,
  clock: Clock,
  actor: Actor,
  id: string,
  change: StaffChange,
  recordAudit: RecordStaffAudit,
): Promise<StaffMember> {
  assertRole(actor, 'admin', 'change staff');
  const name = change.name?.trim();
  if (name !== undefined && (name === '' || name.length > 120)) {
    throw new AppError('STAFF_INVALID', 400, 'A name is needed, at most 120 characters.', { field: 'name' });
  }
  if (change.role !== undefined && !isStaffRole(change.role)) {
    throw new AppError(
      'STAFF_INVALID',
      400,
      `"${change.role}" is not a role. Roles: ${STAFF_ROLES.join(', ')}.`,
      { field: 'role' },
    );
  }
  const newRole = change.role as StaffRole | undefined;
  // One transaction: the last-owner count and the write must see the same owners.
  return database.db.transaction().execute(async (trx) => {
    const row = await findStaffById(trx, id);
    if (!row) throw notFound('The staff member', { id });
    const current = row.role as StaffRole;
    assertRights(actor, current, newRole ?? null);

    const losesOwner = current === 'owner' && row.disabled_at === null;
    const notOwner = newRole !== undefined && newRole !== 'owner';
    if (losesOwner && (notOwner || change.disabled === true)) {
      const owners = await lockActiveOwnerIds(trx, database.dialect);
      if (owners.filter((o) => o !== id).length === 0) {
        throw new AppError(
          'LAST_OWNER',
          409,
          'This is the last active owner; make someone else an owner first.',
          { field: notOwner ? 'role' : 'disabled' },
        );
      }
    }

    const now = isoTime(clock.now());
    const disabledAt =
      change.disabled === undefined ? row.disabled_at : change.disabled ? (row.disabled_at ?? now) : null;
    const updated = await updateStaffRow(trx, id, {
      ...(name !== undefined ? { name } : {}),
      ...(newRole !== undefined ? { role: newRole } : {}),
      disabled_at: disabledAt,
      updated_at: now,
    });
    if (!updated) throw notFound('The staff member', { id });
    // Ended in the same transaction as the change: no request sees the old rights after it commits.
    const demoted = newRole !== undefined && !roleAtLeast(newRole, current);
    if (disabledAt !== null || demoted) await deleteSessionsOfStaff(trx, id);
    if (disabledAt !== null && row.disabled_at === null) await revokeApiTokensOf(trx, id, now);
    await recordChange(trx, clock, actor, recordAudit, row, updated);
    return toStaffMember(updated);
  });
}

/** Role changes, deactivations and reactivations go to the audit trail, in the change's transaction. */
async function recordChange(
  trx: Db,
  clock: Clock,
  actor: Actor,
  recordAudit: RecordStaffAudit,
  before: StaffRow,
  after: StaffRow,
): Promise<void> {
  const subject = { kind: 'staff', id: after.id };
  if (before.role !== after.role) {
    await recordAudit(trx, clock, actor, {
      action: 'staff.role-changed',
      subject,
      summary: `${after.name}: ${before.role} → ${after.role}`,
      details: { from: before.role, to: after.role, email: after.email },
    });
  }
  if ((before.disabled_at === null) !== (after.disabled_at === null)) {
    const deactivated = after.disabled_at !== null;
    await recordAudit(trx, clock, actor, {
      action: deactivated ? 'staff.deactivated' : 'staff.reactivated',
      subject,
      summary: `${after.name} ${deactivated ? 'deactivated' : 'reactivated'}`,
      details: { email: after.email },
    });
  }
}

/** 403 FORBIDDEN unless the actor may give `newRole` to, or change, an account that has `currentRole`. */
export function assertRights(actor: Actor, currentRole: StaffRole | null, newRole: StaffRole | null): void {
  const check = checkRoleChange(actor.role, currentRole, newRole);
  if (!check.ok) {
    throw new AppError('FORBIDDEN', 403, check.message, {
      role: actor.role,
      needed: 'owner',
      ...(newRole ? { field: 'role' } : {}),
    });
  }
}
