import { hash } from '@node-rs/argon2';
import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isUniqueViolation } from '../../platform/database/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { checkNewStaff, type StaffMember, type StaffRole } from './staff.js';
import {
  findStaffByEmail,
  findStaffById,
  findStaffByIds,
  insertStaff,
  type StaffRow,
} from './staff-repository.js';

/** argon2id with OWASP's suggested floor (19 MiB, 2 passes). */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Creates a staff account; throws STAFF_INVALID (400, names the field) or STAFF_EMAIL_TAKEN (409). */
export async function createStaff(
  db: Db,
  clock: Clock,
  input: { email: string; name: string; role: string; password: string },
): Promise<StaffMember> {
  const check = checkNewStaff(input);
  if (!check.ok) throw new AppError('STAFF_INVALID', 400, check.message, { field: check.field });
  const { email, name, role, password } = check.value;
  const taken = () =>
    new AppError('STAFF_EMAIL_TAKEN', 409, `A staff account for ${email} already exists.`, {
      field: 'email',
    });
  if (await findStaffByEmail(db, email)) throw taken();
  const now = isoTime(clock.now());
  const row: StaffRow = {
    id: newId(clock.now().getTime()),
    email,
    name,
    role,
    password_hash: await hashPassword(password),
    created_at: now,
    updated_at: now,
    disabled_at: null,
    last_signed_in_at: null,
  };
  try {
    await insertStaff(db, row);
  } catch (error) {
    // Two creations of the same address at once: the unique index decides, the loser gets the 409.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return toStaffMember(row);
}

/** The staff member with this id, or 404 NOT_FOUND. */
export async function getStaffMember(db: Db, id: string): Promise<StaffMember> {
  const row = await findStaffById(db, id);
  if (!row) throw notFound('The staff member', { id });
  return toStaffMember(row);
}

/** The staff members with these ids, disabled ones included; an unknown id is left out. */
export async function findStaffMembers(db: Db, ids: readonly string[]): Promise<StaffMember[]> {
  return (await findStaffByIds(db, ids)).map(toStaffMember);
}

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffRole,
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
  };
}
