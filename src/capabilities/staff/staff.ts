/** Newsroom staff: who they are and what each role may do. Pure domain. */

/** In rising order of rights; each role can do what the ones before it can. */
export const STAFF_ROLES = ['contributor', 'reporter', 'editor', 'admin', 'owner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly createdAt: string;
  readonly disabled: boolean;
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}

/** The lower of two roles: what a token may do is capped by what its maker may do now. */
export function lesserRole(a: StaffRole, b: StaffRole): StaffRole {
  return roleAtLeast(a, b) ? b : a;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export interface NewStaff {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

export type StaffCheck =
  | { ok: true; value: NewStaff }
  | { ok: false; field: 'email' | 'name' | 'role' | 'password'; message: string };

export type StaffDetailsCheck =
  | { ok: true; value: Omit<NewStaff, 'password'> }
  | { ok: false; field: 'email' | 'name' | 'role'; message: string };

/** Checks who a new staff member is (an account or an invitation); the first problem is named with its field. */
export function checkStaffDetails(input: { email: string; name: string; role: string }): StaffDetailsCheck {
  const email = normaliseEmail(input.email);
  if (!isEmail(email))
    return { ok: false, field: 'email', message: `"${input.email}" is not an email address.` };
  const name = input.name.trim();
  if (name === '' || name.length > 120) {
    return { ok: false, field: 'name', message: 'A name is needed, at most 120 characters.' };
  }
  if (!isStaffRole(input.role)) {
    return {
      ok: false,
      field: 'role',
      message: `"${input.role}" is not a role. Roles: ${STAFF_ROLES.join(', ')}.`,
    };
  }
  return { ok: true, value: { email, name, role: input.role } };
}

/** Checks a new staff member's details and password; the first problem found is named with its field. */
export function checkNewStaff(input: {
  email: string;
  name: string;
  role: string;
  password: string;
}): StaffCheck {
  const details = checkStaffDetails(input);
  if (!details.ok) return details;
  const passwordProblem = checkPassword(input.password);
  if (passwordProblem) return { ok: false, field: 'password', message: passwordProblem };
  return { ok: true, value: { ...details.value, password: input.password } };
}

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export function checkPassword(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `A password can have at most ${PASSWORD_MAX} characters.`;
  return null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** The roles only an owner may grant, or change someone away from. */
const OWNER_GRANTED: readonly StaffRole[] = ['owner', 'admin'];

export type RightsCheck = { ok: true } | { ok: false; message: string };

/**
 * May `actorRole` give an account `newRole`, or change an account that has `currentRole`? Admins
 * manage the newsroom up to editor; admins and owners are made and changed by owners only, so an
 * admin cannot raise themselves or remove the people above them.
 */
export function checkRoleChange(
  actorRole: StaffRole,
  currentRole: StaffRole | null,
  newRole: StaffRole | null,
): RightsCheck {
  if (!roleAtLeast(actorRole, 'admin')) {
    return { ok: false, message: `Your role (${actorRole}) cannot manage staff; that needs admin or above.` };
  }
  const touchesOwnerGranted = [currentRole, newRole].some((r) => r !== null && OWNER_GRANTED.includes(r));
  if (touchesOwnerGranted && actorRole !== 'owner') {
    return { ok: false, message: 'Only an owner can make, change or disable owners and admins.' };
  }
  return { ok: true };
}
