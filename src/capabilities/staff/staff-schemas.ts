import { Type } from 'typebox';
import { STAFF_ROLES } from './staff.js';

/** TypeBox schemas of the staff Admin API: request validation, response shaping and OpenAPI. */

export const StaffRoleSchema = Type.Enum(STAFF_ROLES);

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const StaffSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: StaffRoleSchema,
  createdAt: Type.String(),
  disabled: Type.Boolean(),
});

export const ActorSchema = Type.Object({
  kind: Type.Enum(['staff', 'token']),
  staffId: Nullable(Type.String()),
  tokenId: Nullable(Type.String()),
  name: Type.String(),
  role: StaffRoleSchema,
});

export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: StaffRoleSchema,
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const SignInBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});

export const SignInReply = Type.Object({
  staff: StaffSchema,
  csrfToken: Type.String(),
  expiresAt: Type.String(),
});

export const MeReply = Type.Object({
  actor: ActorSchema,
  /** The signed-in staff member; null for an API token. */
  staff: Type.Union([StaffSchema, Type.Null()]),
  /** Send back as x-csrf-token on unsafe requests; null for an API token (it needs none). */
  csrfToken: Nullable(Type.String()),
});

export const NewStaffBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  name: Type.String({ maxLength: 120 }),
  role: StaffRoleSchema,
  password: Type.String({ maxLength: 256 }),
});

export const StaffChangeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 120 })),
    role: Type.Optional(StaffRoleSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A line of the Staff screen: the account with its two-factor state and last sign-in. */
export const StaffListItem = Type.Object({
  ...StaffSchema.properties,
  twoFactor: Type.Boolean({ description: 'Two-factor sign-in is on.' }),
  lastSignInAt: Nullable(Type.String({ description: 'Null: never signed in.' })),
});

export const StaffList = Type.Object({ staff: Type.Array(StaffListItem) });
export const StaffReply = Type.Object({ staff: StaffSchema });

export const ColleagueList = Type.Object({
  colleagues: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

export const NewApiTokenBody = Type.Object({
  name: Type.String({ maxLength: 120 }),
  role: StaffRoleSchema,
});

export const NewApiTokenReply = Type.Object({
  /** The secret: shown this once, never again. */
  token: Type.String(),
  apiToken: ApiTokenSchema,
});

export const ApiTokenList = Type.Object({ tokens: Type.Array(ApiTokenSchema) });
export const ApiTokenReply = Type.Object({ apiToken: ApiTokenSchema });
