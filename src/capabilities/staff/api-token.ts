/** API tokens for integrations: what one is and the rules for making one. Pure domain. */
import { isStaffRole, roleAtLeast, STAFF_ROLES, type StaffRole } from './staff.js';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** `mh_` then 32 random bytes in base64url: recognisable in a leaked log, and cheap to reject. */
export const API_TOKEN_PREFIX = 'mh_';
const API_TOKEN_SHAPE = /^mh_[A-Za-z0-9_-]{43}$/;

export function looksLikeApiToken(value: string): boolean {
  return API_TOKEN_SHAPE.test(value);
}

export type ApiTokenCheck =
  | { ok: true; value: { name: string; role: StaffRole } }
  | { ok: false; field: 'name' | 'role'; reason: 'invalid' | 'above_creator'; message: string };

/** A token is named for its integration and can never do more than the person who made it. */
export function checkNewApiToken(
  input: { name: string; role: string },
  creatorRole: StaffRole,
): ApiTokenCheck {
  const name = input.name.trim();
  if (name === '' || name.length > 120) {
    return {
      ok: false,
      field: 'name',
      reason: 'invalid',
      message: 'A name is needed, at most 120 characters.',
    };
  }
  if (!isStaffRole(input.role)) {
    return {
      ok: false,
      field: 'role',
      reason: 'invalid',
      message: `"${input.role}" is not a role. Roles: ${STAFF_ROLES.join(', ')}.`,
    };
  }
  if (!roleAtLeast(creatorRole, input.role)) {
    return {
      ok: false,
      field: 'role',
      reason: 'above_creator',
      message: `A token cannot have a role (${input.role}) above yours (${creatorRole}).`,
    };
  }
  return { ok: true, value: { name, role: input.role } };
}
