import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { queueMail } from '../../platform/mail/index.js';
import { randomSecret, secretHash } from '../../platform/secrets.js';
import { getSetting } from '../settings/index.js';
import { type Actor, assertRole } from './actor.js';
import { checkPassword, checkStaffDetails, type StaffRole } from './staff.js';
import { assertRights } from './staff-admin-service.js';
import type { RecordStaffAudit } from './staff-audit.js';
import {
  checkInvitationLink,
  INVITATION_MS,
  INVITATION_REFUSALS,
  type Invitation,
  type InvitationRefusal,
} from './staff-invitation.js';
import {
  acceptInvitationRow,
  cancelInvitationRow,
  cancelOpenInvitationsTo,
  findInvitationById,
  findInvitationByTokenHash,
  type InvitationRow,
  insertInvitation,
  listOpenInvitationRows,
  renewInvitation,
} from './staff-invitation-repository.js';
import { invitationMail } from './staff-mail.js';
import { findStaffByEmail, findStaffById } from './staff-repository.js';
import { createStaff } from './staff-service.js';
import { afterFirstFactor, type SignInOutcome } from './staff-sign-in-service.js';

/**
 * Inviting staff by mail. An admin (up to editor; an owner for admins and owners) names the person
 * and the role; the invitee gets a link that works once, for 72 hours, and joins by choosing a
 * password, which signs them in. No account exists before that.
 */

const invitationInvalid = (reason: InvitationRefusal) =>
  new AppError('INVITATION_INVALID', 400, INVITATION_REFUSALS[reason], { field: 'token', reason });

const emailTaken = (email: string) =>
  new AppError('STAFF_EMAIL_TAKEN', 409, `A staff account for ${email} already exists.`, { field: 'email' });

export async function listInvitations(deps: Deps, actor: Actor): Promise<Invitation[]> {
  assertRole(actor, 'admin', 'see invitations');
  return (await listOpenInvitationRows(deps.database.db)).map(toInvitation);
}

/** Invites someone; an open invitation to the same address is replaced (its link stops working). */
export async function inviteStaff(
  deps: Deps,
  recordAudit: RecordStaffAudit,
  actor: Actor,
  input: { email: string; name: string; role: string },
): Promise<Invitation> {
  assertRole(actor, 'admin', 'invite staff');
  const check = checkStaffDetails(input);
  if (!check.ok) throw new AppError('STAFF_INVALID', 400, check.message, { field: check.field });
  const { email, name, role } = check.value;
  assertRights(actor, null, role);
  const { db } = deps.database;
  if (await findStaffByEmail(db, email)) throw emailTaken(email);
  const secret = randomSecret();
  const now = deps.clock.now();
  const row: InvitationRow = {
    id: newId(now.getTime()),
    email,
    name,
    role,
    token_hash: secretHash(secret),
    invited_by: actor.staffId,
    invited_by_name: actor.name,
    created_at: isoTime(now),
    expires_at: isoTime(new Date(now.getTime() + INVITATION_MS)),
    accepted_at: null,
    cancelled_at: null,
    staff_id: null,
  };
  const mail = await composeMail(deps, row, secret);
  await db.transaction().execute(async (trx) => {
    await cancelOpenInvitationsTo(trx, email, row.created_at);
    await insertInvitation(trx, row);
    await queueMail(trx, deps.clock, mail);
    await recordAudit(trx, deps.clock, actor, {
      action: 'staff.invited',
      subject: { kind: 'invitation', id: row.id },
      summary: `${name} <${email}> invited as ${role}`,
      details: { email, name, role },
    });
  });
  return toInvitation(row);
}

/** Mails an open invitation again with a new link and a new 72 hours; the old link stops working. */
export async function resendInvitation(deps: Deps, actor: Actor, id: string): Promise<Invitation> {
  const row = await openInvitation(deps, actor, id);
  const secret = randomSecret();
  const now = deps.clock.now();
  const renewed: InvitationRow = {
    ...row,
    token_hash: secretHash(secret),
    expires_at: isoTime(new Date(now.getTime() + INVITATION_MS)),
  };
  const mail = await composeMail(deps, renewed, secret);
  await deps.database.db.transaction().execute(async (trx) => {
    const open = await renewInvitation(trx, id, {
      token_hash: renewed.token_hash,
      expires_at: renewed.expires_at,
    });
    if (!open) throw notFound('The invitation', { id });
    await queueMail(trx, deps.clock, mail);
  });
  return toInvitation(renewed);
}

export async function cancelInvitation(
  deps: Deps,
  recordAudit: RecordStaffAudit,
  actor: Actor,
  id: string,
): Promise<void> {
  const row = await openInvitation(deps, actor, id);
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await cancelInvitationRow(trx, id, isoTime(deps.clock.now())))) {
      throw notFound('The invitation', { id });
    }
    await recordAudit(trx, deps.clock, actor, {
      action: 'staff.invitation-cancelled',
      subject: { kind: 'invitation', id },
      summary: `Invitation of ${row.name} <${row.email}> cancelled`,
      details: { email: row.email, role: row.role },
    });
  });
}

/** Who a link invites, for the page it opens; 400 INVITATION_INVALID when it no longer works. */
export async function findInvitationByLink(deps: Deps, token: string): Promise<Invitation> {
  const row = await findInvitationByTokenHash(deps.database.db, secretHash(token));
  const check = checkInvitationLink(row ? toInvitation(row) : null, isoTime(deps.clock.now()));
  if (!check.ok) throw invitationInvalid(check.reason);
  return check.invitation;
}

/**
 * The invitee joins: the account is made with the invited name and role and the chosen password,
 * the invitation is spent, and the sign-in goes on as after a password (a session, or enrolment in
 * two-factor when the paper requires it).
 */
export async function acceptInvitation(
  deps: Deps,
  recordAudit: RecordStaffAudit,
  input: { token: string; password: string; userAgent: string | null },
): Promise<SignInOutcome> {
  const problem = checkPassword(input.password);
  if (problem) throw new AppError('STAFF_INVALID', 400, problem, { field: 'password' });
  const invitation = await findInvitationByLink(deps, input.token);
  const { db } = deps.database;
  if (await findStaffByEmail(db, invitation.email)) throw emailTaken(invitation.email);
  const now = isoTime(deps.clock.now());
  const staff = await db.transaction().execute(async (trx) => {
    const created = await createStaff(trx, deps.clock, { ...invitation, password: input.password });
    if (!(await acceptInvitationRow(trx, invitation.id, created.id, now))) {
      throw invitationInvalid('accepted');
    }
    const joiner: Actor = { staffId: created.id, tokenId: null, name: created.name, role: created.role };
    await recordAudit(trx, deps.clock, joiner, {
      action: 'staff.joined',
      subject: { kind: 'staff', id: created.id },
      summary: `${created.name} joined as ${created.role}, invited by ${invitation.invitedBy.name}`,
      details: { invitationId: invitation.id, email: created.email },
    });
    return created;
  });
  const row = await findStaffById(db, staff.id);
  if (!row) throw notFound('The staff member', { id: staff.id });
  return afterFirstFactor(deps, row, input.userAgent);
}

/** An open invitation the actor may manage: its role decides, as for the account it would make. */
async function openInvitation(deps: Deps, actor: Actor, id: string): Promise<InvitationRow> {
  assertRole(actor, 'admin', 'manage invitations');
  const row = await findInvitationById(deps.database.db, id);
  if (!row || row.accepted_at !== null || row.cancelled_at !== null) throw notFound('The invitation', { id });
  assertRights(actor, null, row.role as StaffRole);
  return row;
}

async function composeMail(deps: Deps, row: InvitationRow, secret: string) {
  const link = new URL(`/newsroom/join#token=${secret}`, deps.config.publicUrl).href;
  const publication = await getSetting(deps.database.db, 'publication.name');
  return invitationMail({ to: row.email, publication, inviter: row.invited_by_name, role: row.role, link });
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffRole,
    invitedBy: { staffId: row.invited_by, name: row.invited_by_name },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    cancelledAt: row.cancelled_at,
  };
}
