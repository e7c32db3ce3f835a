import { Type } from 'typebox';
import { StaffRoleSchema } from './staff-schemas.js';

/** TypeBox schemas of invitations: the Staff screen's list and the page the mailed link opens. */

export const InvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: StaffRoleSchema,
  invitedBy: Type.Object({
    staffId: Type.Union([Type.String(), Type.Null()]),
    name: Type.String({ description: 'As it was when the invitation was sent.' }),
  }),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  state: Type.Enum(['pending', 'expired'], { description: 'An expired invitation can be sent again.' }),
});

export const NewInvitationBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  name: Type.String({ maxLength: 120 }),
  role: StaffRoleSchema,
});

export const InvitationList = Type.Object({ invitations: Type.Array(InvitationSchema) });
export const InvitationReply = Type.Object({ invitation: InvitationSchema });

const Token = Type.String({ minLength: 1, maxLength: 200, description: 'The secret from the mailed link.' });

export const InvitationLinkBody = Type.Object({ token: Token });

/** Who the link invites: enough for the page to greet them; nothing about who else is on the staff. */
export const InvitationLinkReply = Type.Object({
  invitation: Type.Object({
    email: Type.String(),
    name: Type.String(),
    role: StaffRoleSchema,
    invitedBy: Type.String(),
    expiresAt: Type.String(),
  }),
});

export const InvitationAcceptBody = Type.Object({
  token: Token,
  password: Type.String({ maxLength: 256 }),
});
