import { randomInt } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { queueMail } from '../../platform/mail/index.js';
import { randomSecret, secretHash, secretsMatch } from '../../platform/secrets.js';
import { getSetting } from '../settings/index.js';
import type { StaffMember } from './staff.js';
import { deleteSession } from './staff-access-repository.js';
import { signInCodeMail } from './staff-mail.js';
import { isTwoFactorRequired } from './staff-policy-service.js';
import { findStaffById, type StaffRow } from './staff-repository.js';
import {
  deleteExpiredAuthTokens,
  findLiveAuthToken,
  insertAuthToken,
  loseAuthTokenTry,
  type StaffAuthTokenRow,
  spendAuthToken,
} from './staff-security-repository.js';
import { toStaffMember } from './staff-service.js';
import {
  checkCredentials,
  type StartedSession,
  signInFailed,
  startSession,
} from './staff-session-service.js';
import { checkSecondFactor, hasTwoFactor } from './two-factor-service.js';

/**
 * What is still needed after a right password: a code from the authenticator app, a code mailed to
 * the account (a new device while the account is under attack), or enrolment in two-factor (an
 * owner requires it). Each is a short-lived, single-purpose token, not a session: it opens nothing
 * but the next step.
 */
export type ChallengeKind = 'two-factor' | 'mailed-code' | 'enrol';

export type SignInOutcome =
  | { kind: 'session'; staff: StaffMember; session: StartedSession }
  | { kind: 'challenge'; next: ChallengeKind; challenge: string; expiresAt: string };

const MINUTE = 60_000;
const CHALLENGE_MS: Record<ChallengeKind, number> = {
  'two-factor': 5 * MINUTE,
  'mailed-code': 15 * MINUTE,
  enrol: 15 * MINUTE,
};
/** Wrong codes one challenge takes before it is dead (a 6-digit code: 5 in a million). */
const CHALLENGE_TRIES = 5;

const challengeInvalid = () =>
  new AppError(
    'CHALLENGE_INVALID',
    401,
    'This sign-in has expired or was used; sign in again with your password.',
  );
const codeInvalid = () =>
  new AppError('CODE_INVALID', 401, 'That code is wrong, has been used already, or is too old.');

export interface SignInRequest {
  email: string;
  password: string;
  userAgent: string | null;
  previousToken: string | null;
  /** From the sign-in guard: many failures for this account, and this device is not known to it. */
  accountBusy: boolean;
}

/**
 * The password step. A wrong password is 401 SIGN_IN_FAILED, except while the account is busy: then
 * every answer is the same `mailed-code` challenge whether the password was right or not (a guesser
 * learns nothing), and a code is mailed to the account only when it was right.
 */
export async function passwordSignIn(deps: Deps, input: SignInRequest): Promise<SignInOutcome> {
  const { db } = deps.database;
  if (input.previousToken) await deleteSession(db, secretHash(input.previousToken));
  const row = await checkCredentials(db, input.email, input.password);
  if (input.accountBusy) {
    const challenge = randomSecret();
    const expiresAt = isoTime(new Date(deps.clock.now().getTime() + CHALLENGE_MS['mailed-code']));
    if (row) await mailSignInCode(deps, row, challenge, expiresAt);
    return { kind: 'challenge', next: 'mailed-code', challenge, expiresAt };
  }
  if (!row) throw signInFailed();
  return afterFirstFactor(deps, row, input.userAgent);
}

/** The second step: the challenge from the first and the code it asks for. */
export async function continueSignIn(
  deps: Deps,
  input: { challenge: string; code: string; userAgent: string | null },
): Promise<SignInOutcome> {
  const { db } = deps.database;
  const now = isoTime(deps.clock.now());
  const token = await findLiveAuthToken(db, secretHash(input.challenge), ['two-factor', 'mailed-code'], now);
  const staff = token && (await findStaffById(db, token.staff_id));
  if (!token || !staff || staff.disabled_at !== null) throw challengeInvalid();
  const right =
    token.kind === 'mailed-code'
      ? token.code_hash !== null && secretsMatch(codeHash(deps, token.id, input.code.trim()), token.code_hash)
      : await checkSecondFactor(deps, db, staff.id, input.code);
  if (!right) {
    await loseAuthTokenTry(db, token.id);
    throw codeInvalid();
  }
  if (!(await spendAuthToken(db, token.id, now))) throw challengeInvalid();
  if (token.kind === 'mailed-code') return afterFirstFactor(deps, staff, input.userAgent);
  return {
    kind: 'session',
    staff: toStaffMember(staff),
    session: await startSession(db, deps.clock, staff.id, input.userAgent),
  };
}

/** The staff member an `enrol` challenge belongs to, for the enrolment routes; 401 when it is dead. */
export async function findEnrolChallenge(
  deps: Deps,
  challenge: string,
): Promise<{ token: StaffAuthTokenRow; staff: StaffRow }> {
  const { db } = deps.database;
  const token = await findLiveAuthToken(db, secretHash(challenge), ['enrol'], isoTime(deps.clock.now()));
  const staff = token && (await findStaffById(db, token.staff_id));
  if (!token || !staff || staff.disabled_at !== null) throw challengeInvalid();
  return { token, staff };
}

/** Enrolment through an `enrol` challenge is done: the challenge is spent and a session starts. */
export async function finishEnrolSignIn(
  deps: Deps,
  token: StaffAuthTokenRow,
  userAgent: string | null,
): Promise<StartedSession> {
  const { db } = deps.database;
  if (!(await spendAuthToken(db, token.id, isoTime(deps.clock.now())))) throw challengeInvalid();
  return startSession(db, deps.clock, token.staff_id, userAgent);
}

/** After the password (and a mailed code, if one was asked for): the second factor, enrolment, or in. */
export async function afterFirstFactor(
  deps: Deps,
  row: StaffRow,
  userAgent: string | null,
): Promise<SignInOutcome> {
  const { db } = deps.database;
  const next: ChallengeKind | null = (await hasTwoFactor(db, row.id))
    ? 'two-factor'
    : (await isTwoFactorRequired(db))
      ? 'enrol'
      : null;
  if (next === null) {
    return {
      kind: 'session',
      staff: toStaffMember(row),
      session: await startSession(db, deps.clock, row.id, userAgent),
    };
  }
  const challenge = randomSecret();
  const expiresAt = await issueChallenge(db, deps, {
    staffId: row.id,
    kind: next,
    secret: challenge,
    codeHash: null,
  });
  return { kind: 'challenge', next, challenge, expiresAt };
}

async function mailSignInCode(
  deps: Deps,
  row: StaffRow,
  challenge: string,
  expiresAt: string,
): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const tokenId = newId(deps.clock.now().getTime());
  const publication = await getSetting(deps.database.db, 'publication.name');
  await deps.database.db.transaction().execute(async (trx) => {
    await issueChallenge(trx, deps, {
      id: tokenId,
      staffId: row.id,
      kind: 'mailed-code',
      secret: challenge,
      codeHash: codeHash(deps, tokenId, code),
      expiresAt,
    });
    await queueMail(trx, deps.clock, signInCodeMail({ to: row.email, publication, code }));
  });
}

async function issueChallenge(
  db: Db,
  deps: Deps,
  input: {
    id?: string;
    staffId: string;
    kind: ChallengeKind;
    secret: string;
    codeHash: string | null;
    expiresAt?: string;
  },
): Promise<string> {
  const now = deps.clock.now();
  // Sign-ins are where spent and expired tokens are swept away, as with sessions.
  await deleteExpiredAuthTokens(db, isoTime(now));
  const expiresAt = input.expiresAt ?? isoTime(new Date(now.getTime() + CHALLENGE_MS[input.kind]));
  await insertAuthToken(db, {
    id: input.id ?? newId(now.getTime()),
    staff_id: input.staffId,
    kind: input.kind,
    secret_hash: secretHash(input.secret),
    code_hash: input.codeHash,
    tries_left: CHALLENGE_TRIES,
    created_at: isoTime(now),
    expires_at: expiresAt,
    used_at: null,
  });
  return expiresAt;
}

/** A mailed code is kept as a keyed hash bound to its token: a copy of the table gives no code. */
function codeHash(deps: Deps, tokenId: string, code: string): string {
  return deps.keys.mac('staff-sign-in-code', `${tokenId}\n${code}`);
}
