import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { secretHash } from '../../platform/secrets.js';
import { getSetting } from '../settings/index.js';
import type { Actor } from './actor.js';
import { checkRoleChange, roleAtLeast, type StaffRole } from './staff.js';
import { isTwoFactorRequired } from './staff-policy-service.js';
import { findStaffById } from './staff-repository.js';
import { recordSecurityEvent } from './staff-security-events.js';
import {
  countRecoveryCodesLeft,
  deleteAuthTokens,
  deleteTwoFactor,
  findTwoFactor,
  replaceRecoveryCodes,
  saveTwoFactor,
  spendRecoveryCode,
  useTwoFactorStep,
} from './staff-security-repository.js';
import { base32Encode, matchTotp, otpauthUri } from './totp.js';
import { openTotpSecret, sealTotpSecret } from './two-factor-secret.js';

const RECOVERY_CODE_COUNT = 10;

export interface TwoFactorStatus {
  readonly enabled: boolean;
  /** Enrolment started, waiting for its first code. */
  readonly pending: boolean;
  readonly recoveryCodesLeft: number;
  /** An owner requires two-factor of every staff member. */
  readonly required: boolean;
}

const codeInvalid = () =>
  new AppError('CODE_INVALID', 400, 'That code is wrong, has been used already, or is too old.', {
    field: 'code',
  });

export async function twoFactorStatus(db: Db, staffId: string): Promise<TwoFactorStatus> {
  const row = await findTwoFactor(db, staffId);
  return {
    enabled: Boolean(row?.confirmed_at),
    pending: row !== undefined && row.confirmed_at === null,
    recoveryCodesLeft: row?.confirmed_at ? await countRecoveryCodesLeft(db, staffId) : 0,
    required: await isTwoFactorRequired(db),
  };
}

export async function hasTwoFactor(db: Db, staffId: string): Promise<boolean> {
  return Boolean((await findTwoFactor(db, staffId))?.confirmed_at);
}

/**
 * Starts enrolment: a new 160-bit secret (RFC 4226's recommended length), kept encrypted, returned
 * this once as base32 and as the otpauth:// URI. Two-factor is not on until a code is confirmed;
 * starting again replaces a pending secret. 409 TWO_FACTOR_ALREADY_ON when it is on.
 */
export async function beginEnrolment(
  deps: Deps,
  staff: { id: string; email: string },
): Promise<{ secret: string; uri: string }> {
  const { db } = deps.database;
  if (await hasTwoFactor(db, staff.id)) {
    throw new AppError(
      'TWO_FACTOR_ALREADY_ON',
      409,
      'Two-factor sign-in is already on; turn it off first to enrol a new device.',
    );
  }
  const secret = randomBytes(20);
  await saveTwoFactor(db, {
    staff_id: staff.id,
    secret: sealTotpSecret(deps.keys, staff.id, secret),
    created_at: isoTime(deps.clock.now()),
    confirmed_at: null,
    last_step: null,
  });
  const issuer = await getSetting(db, 'publication.name');
  return { secret: base32Encode(secret), uri: otpauthUri(secret, issuer, staff.email) };
}

/** Confirms enrolment with the first code from the app: two-factor is on; returns the recovery codes. */
export async function confirmEnrolment(deps: Deps, staffId: string, code: string): Promise<string[]> {
  const { db } = deps.database;
  const row = await findTwoFactor(db, staffId);
  if (!row || row.confirmed_at !== null) {
    throw new AppError('TWO_FACTOR_NOT_PENDING', 409, 'Start enrolment first; there is nothing to confirm.');
  }
  const now = deps.clock.now();
  const step = matchTotp(openTotpSecret(deps.keys, staffId, row.secret), code, now.getTime(), row.last_step);
  if (step === null) throw codeInvalid();
  return db.transaction().execute(async (trx) => {
    if (!(await useTwoFactorStep(trx, staffId, step, isoTime(now)))) throw codeInvalid();
    return newRecoveryCodes(trx, deps, staffId, 'two-factor.enabled');
  });
}

/**
 * Checks a second factor: a 6-digit code from the app (each 30-second step accepted once), or an
 * unused recovery code (spent by this). False for anything else, and for staff without two-factor.
 */
export async function checkSecondFactor(deps: Deps, db: Db, staffId: string, code: string): Promise<boolean> {
  const row = await findTwoFactor(db, staffId);
  if (!row?.confirmed_at) return false;
  const given = code.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(given)) {
    const secret = openTotpSecret(deps.keys, staffId, row.secret);
    const step = matchTotp(secret, given, deps.clock.now().getTime(), row.last_step);
    return step !== null && (await useTwoFactorStep(db, staffId, step, null));
  }
  return spendRecoveryCode(db, staffId, secretHash(given), isoTime(deps.clock.now()));
}

/** New recovery codes (the old ones stop working), after a current code (400 CODE_INVALID). */
export async function regenerateRecoveryCodes(deps: Deps, staffId: string, code: string): Promise<string[]> {
  return deps.database.db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(deps, trx, staffId, code))) throw codeInvalid();
    return newRecoveryCodes(trx, deps, staffId, 'two-factor.recovery-codes');
  });
}

/**
 * Turns two-factor off with the password and a current code. Refused (409 TWO_FACTOR_REQUIRED)
 * while an owner requires it: then only another admin or owner can reset it.
 */
export async function disableTwoFactor(
  deps: Deps,
  staffId: string,
  input: { password: string; code: string },
): Promise<void> {
  const { db } = deps.database;
  if (await isTwoFactorRequired(db)) {
    throw new AppError(
      'TWO_FACTOR_REQUIRED',
      409,
      'An owner requires two-factor sign-in; it cannot be turned off.',
    );
  }
  const staff = await findStaffById(db, staffId);
  if (!staff) throw notFound('The staff member', { id: staffId });
  const passwordOk =
    staff.password_hash !== null && (await verify(staff.password_hash, input.password).catch(() => false));
  if (!passwordOk) {
    throw new AppError('PASSWORD_WRONG', 400, 'That is not your current password.', { field: 'password' });
  }
  await db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(deps, trx, staffId, input.code))) throw codeInvalid();
    await deleteTwoFactor(trx, staffId);
    await recordSecurityEvent(trx, deps.clock, {
      staffId,
      kind: 'two-factor.disabled',
      by: { staffId, name: staff.name },
    });
  });
}

/**
 * An admin or owner clears another staff member's two-factor (a lost phone and lost recovery
 * codes), with the rights of a role change: admins for staff up to editor, owners for everyone.
 * Their half-done sign-ins end too; the reset is recorded with who did it.
 */
export async function resetTwoFactorOf(deps: Deps, actor: Actor, staffId: string): Promise<void> {
  const { db } = deps.database;
  // Rights before the look-up, so a role below admin cannot learn which staff ids exist.
  if (!roleAtLeast(actor.role, 'admin')) {
    throw new AppError('FORBIDDEN', 403, "Only an admin or the owner can reset someone's two-factor.", {
      role: actor.role,
      needed: 'admin',
    });
  }
  const target = await findStaffById(db, staffId);
  if (!target) throw notFound('The staff member', { id: staffId });
  const rights = checkRoleChange(actor.role, target.role as StaffRole, null);
  if (!rights.ok || actor.staffId === null) {
    throw new AppError(
      'FORBIDDEN',
      403,
      rights.ok ? 'An API token cannot reset two-factor.' : rights.message,
      {
        role: actor.role,
        needed: target.role === 'owner' || target.role === 'admin' ? 'owner' : 'admin',
      },
    );
  }
  await db.transaction().execute(async (trx) => {
    await deleteTwoFactor(trx, staffId);
    await deleteAuthTokens(trx, staffId, ['two-factor']);
    await recordSecurityEvent(trx, deps.clock, {
      staffId,
      kind: 'two-factor.reset',
      by: { staffId: actor.staffId, name: actor.name },
    });
  });
}

/**
 * Ten codes of 80 random bits as `xxxx-xxxx-xxxx-xxxx`, replacing any before; only their SHA-256 is
 * stored. Recorded as `event`, done by the staff member themselves.
 */
async function newRecoveryCodes(
  db: Db,
  deps: Deps,
  staffId: string,
  event: 'two-factor.enabled' | 'two-factor.recovery-codes',
): Promise<string[]> {
  const now = deps.clock.now();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    (base32Encode(randomBytes(10)).toLowerCase().match(/.{4}/g) ?? []).join('-'),
  );
  await replaceRecoveryCodes(
    db,
    staffId,
    codes.map((code) => ({
      id: newId(now.getTime()),
      code_hash: secretHash(code.replace(/-/g, '')),
      created_at: isoTime(now),
    })),
  );
  const staff = await findStaffById(db, staffId);
  await recordSecurityEvent(db, deps.clock, {
    staffId,
    kind: event,
    by: { staffId, name: staff?.name ?? '' },
  });
  return codes;
}
