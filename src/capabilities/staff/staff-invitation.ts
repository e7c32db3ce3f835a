/** Invitations to join the newsroom: what one is and when its link still works. Pure domain. */
import type { StaffRole } from './staff.js';

/** A mailed invitation link works this long: a long weekend, so an invitation sent on Friday still works on Monday. */
export const INVITATION_MS = 72 * 60 * 60_000;

export interface Invitation {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly invitedBy: { readonly staffId: string | null; readonly name: string };
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly cancelledAt: string | null;
}

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'cancelled';

export function invitationState(invitation: Invitation, now: string): InvitationState {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.cancelledAt !== null) return 'cancelled';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/** Why a link does not work, in words for the person holding it (they are not signed in). */
export const INVITATION_REFUSALS = {
  unknown:
    'This invitation link is not valid: it may have been cancelled, or replaced by a newer one. Ask whoever invited you to send it again.',
  expired: 'This invitation has expired. Ask whoever invited you to send a new one.',
  accepted: 'This invitation has already been used. Sign in with your email and the password you chose.',
} as const;

export type InvitationRefusal = keyof typeof INVITATION_REFUSALS;

/** Can the link of this invitation (or of none found) still be used? */
export function checkInvitationLink(
  invitation: Invitation | null,
  now: string,
): { ok: true; invitation: Invitation } | { ok: false; reason: InvitationRefusal } {
  if (!invitation) return { ok: false, reason: 'unknown' };
  const state = invitationState(invitation, now);
  if (state === 'pending') return { ok: true, invitation };
  return { ok: false, reason: state === 'cancelled' ? 'unknown' : state };
}
