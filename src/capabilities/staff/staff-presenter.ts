import type { Static } from 'typebox';
import type { Actor } from './actor.js';
import type { ApiToken } from './api-token.js';
import type { StaffMember } from './staff.js';
import type { ActorSchema, ApiTokenSchema, StaffSchema } from './staff-schemas.js';

export function presentStaff(staff: StaffMember): Static<typeof StaffSchema> {
  return {
    id: staff.id,
    email: staff.email,
    name: staff.name,
    role: staff.role,
    createdAt: staff.createdAt,
    disabled: staff.disabled,
  };
}

export function presentActor(actor: Actor): Static<typeof ActorSchema> {
  return {
    kind: actor.tokenId === null ? 'staff' : 'token',
    staffId: actor.staffId,
    tokenId: actor.tokenId,
    name: actor.name,
    role: actor.role,
  };
}

/** Never the secret: the database does not have it, and the shape has no place for it. */
export function presentApiToken(token: ApiToken): Static<typeof ApiTokenSchema> {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdBy: token.createdBy,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}
