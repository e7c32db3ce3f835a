import { verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { queueMail } from '../../platform/mail/index.js';
import { randomSecret, secretHash } from '../../platform/secrets.js';
import { getSetting } from '../settings/index.js';
import { checkPassword, normaliseEmail } from './staff.js';
import { passwordResetMail } from './staff-mail.js';
import { findStaffByEmail, findStaffById } from './staff-repository.js';
import { recordSecurityEvent } from './staff-security-events.js';
import {
  deleteAuthTokens,
  deleteOtherSessions,
  findLiveAuthToken,
  insertAuthToken,
  spendAuthToken,
  updatePasswordHash,
} from './staff-security-repository.js';
import { hashPassword } from './staff-service.js';

/** A mailed reset link works once, for this long. */
export const RESET_MS = 30 * 60_000;

const passwordInvalid = (message: string, field: string) =>
  new AppError('STAFF_INVALID', 400, message, { field });

/**
 * Changes a signed-in staff member's password after checking the current one (400 PASSWORD_WRONG: a form error, not a lost session).
 * Every other session of theirs ends (a thief's among them); the one that asked stays. Answers how
 * many ended.
 */
export async function changePassword(
  deps: Deps,
  input: { staffId: string; sessionId: string; current: string; next: string },
): Promise<number> {
  const { db } = deps.database;
  const problem = checkPassword(input.next);
  if (problem) throw passwordInvalid(problem, 'newPassword');
  const row = await findStaffById(db, input.staffId);
  if (!row) throw notFound('The staff member', { id: input.staffId });
  const ok =
    row.password_hash !== null && (await verify(row.password_hash, input.current).catch(() => false));
  if (!ok) {
    throw new AppError('PASSWORD_WRONG', 400, 'That is not your current password.', {
      field: 'currentPassword',
    });
  }
  const hash = await hashPassword(input.next);
  return db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, row.id, hash, isoTime(deps.clock.now()));
    await deleteAuthTokens(trx, row.id, ['password-reset']);
    await recordSecurityEvent(trx, deps.clock, {
      staffId: row.id,
      kind: 'password.changed',
      by: { staffId: row.id, name: row.name },
    });
    return deleteOtherSessions(trx, row.id, input.sessionId);
  });
}

/**
 * Mails a reset link to an active staff account with this address; does nothing visible otherwise.
 * The caller answers the same either way, and the same work is done up to the writes (a secret is
 * made and hashed, the mail composed), so the time taken says little about the address.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const { db } = deps.database;
  const row = await findStaffByEmail(db, normaliseEmail(email));
  const secret = randomSecret();
  const link = new URL(`/newsroom/reset-password#token=${secret}`, deps.config.publicUrl).href;
  const publication = await getSetting(db, 'publication.name');
  const mail = passwordResetMail({ to: row?.email ?? normaliseEmail(email), publication, link });
  if (!row || row.disabled_at !== null) return;
  const now = deps.clock.now();
  await db.transaction().execute(async (trx) => {
    // A new link replaces any older one: only the newest mail works.
    await deleteAuthTokens(trx, row.id, ['password-reset']);
    await insertAuthToken(trx, {
      id: newId(now.getTime()),
      staff_id: row.id,
      kind: 'password-reset',
      secret_hash: secretHash(secret),
      code_hash: null,
      tries_left: 1,
      created_at: isoTime(now),
      expires_at: isoTime(new Date(now.getTime() + RESET_MS)),
      used_at: null,
    });
    await queueMail(trx, deps.clock, mail);
  });
}

/**
 * Sets a new password from a mailed link: the token is spent (it works once; 400
 * RESET_TOKEN_INVALID for a spent, expired or unknown one) and every session of the account ends.
 * A second factor, when on, is still asked at the next sign-in.
 */
export async function confirmPasswordReset(
  deps: Deps,
  input: { token: string; password: string },
): Promise<void> {
  const { db } = deps.database;
  const problem = checkPassword(input.password);
  if (problem) throw passwordInvalid(problem, 'password');
  const invalid = () =>
    new AppError(
      'RESET_TOKEN_INVALID',
      400,
      'This reset link has been used or is too old; ask for a new one.',
      {
        field: 'token',
      },
    );
  const now = isoTime(deps.clock.now());
  const token = await findLiveAuthToken(db, secretHash(input.token), ['password-reset'], now);
  if (!token) throw invalid();
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    if (!(await spendAuthToken(trx, token.id, now))) throw invalid();
    const row = await findStaffById(trx, token.staff_id);
    if (!row || row.disabled_at !== null) throw invalid();
    await updatePasswordHash(trx, row.id, hash, now);
    await deleteOtherSessions(trx, row.id, null);
    await deleteAuthTokens(trx, row.id, ['two-factor', 'mailed-code', 'enrol']);
    await recordSecurityEvent(trx, deps.clock, {
      staffId: row.id,
      kind: 'password.reset',
      by: { staffId: row.id, name: row.name },
    });
  });
}
