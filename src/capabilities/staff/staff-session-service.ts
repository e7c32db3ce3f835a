import { verify } from '@node-rs/argon2';
import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import { randomSecret, secretHash } from '../../platform/secrets.js';
import type { Actor } from './actor.js';
import { normaliseEmail, type StaffMember, type StaffRole } from './staff.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
} from './staff-access-repository.js';
import { findStaffByEmail, markSignedIn, type StaffRow } from './staff-repository.js';
import { hashPassword, toStaffMember } from './staff-service.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A session left unused this long ends; each use pushes the end forward again. */
export const SESSION_IDLE_MS = 14 * DAY;
/** However busy, a session ends this long after sign-in, so a stolen cookie does not live forever. */
export const SESSION_MAX_MS = 90 * DAY;
/** Writing last_seen_at on every request would make every read a write; once a minute is enough. */
export const SESSION_TOUCH_MS = MINUTE;

export interface StartedSession {
  /** The cookie value; only its hash is stored, so this is the one time it exists. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** A session found from its cookie: who is acting and what the request must echo for CSRF. */
export interface LiveSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
  /** True when this request moved the expiry forward, so the cookie should be sent again. */
  readonly extended: boolean;
  readonly actor: Actor;
}

export const signInFailed = () =>
  new AppError('SIGN_IN_FAILED', 401, 'That email and password do not match an active staff account.');

// A real argon2id hash of a password nobody has, verified when there is no account to check, so an
// unknown email costs the same time as a wrong password. Made once per process on first need.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomSecret());
  return decoyHash;
}

/**
 * Checks an email and password and starts a new session, for an account with no second factor (the
 * Admin API's sign-in goes through staff-sign-in-service.ts, which asks for one when it is on). Unknown email, wrong password, no password
 * set and disabled account all get the same 401 SIGN_IN_FAILED after the same work. The session the
 * browser came with, if any, is deleted: a sign-in always gets a fresh id (no session fixation).
 */
export async function signIn(
  db: Db,
  clock: Clock,
  input: { email: string; password: string; userAgent?: string | null; previousToken?: string | null },
): Promise<StartedSession & { staff: StaffMember }> {
  if (input.previousToken) await deleteSession(db, secretHash(input.previousToken));
  const row = await checkCredentials(db, input.email, input.password);
  if (!row) throw signInFailed();
  const session = await startSession(db, clock, row.id, input.userAgent ?? null);
  return { ...session, staff: toStaffMember(row) };
}

/**
 * The active staff member with this email and password, or null for an unknown email, a wrong
 * password, no password set or a disabled account, all after the same argon2 work.
 */
export async function checkCredentials(db: Db, email: string, password: string): Promise<StaffRow | null> {
  const row = await findStaffByEmail(db, normaliseEmail(email));
  const passwordOk = await verify(row?.password_hash ?? (await decoy()), password).catch(() => false);
  if (!row || row.password_hash === null || !passwordOk || row.disabled_at !== null) return null;
  return row;
}

/** Starts a session for a staff member already proven to be who they say. */
export async function startSession(
  db: Db,
  clock: Clock,
  staffId: string,
  userAgent: string | null,
): Promise<StartedSession> {
  const now = clock.now();
  // Sign-ins are rare, so they are where ended sessions are swept away.
  await deleteExpiredSessions(db, isoTime(now));
  const token = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = isoTime(new Date(now.getTime() + SESSION_IDLE_MS));
  await insertSession(db, {
    id: secretHash(token),
    staff_id: staffId,
    csrf_token: csrfToken,
    created_at: isoTime(now),
    expires_at: expiresAt,
    last_seen_at: isoTime(now),
    user_agent: userAgent === null ? null : userAgent.slice(0, 500),
  });
  await markSignedIn(db, staffId, isoTime(now));
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie value, its expiry slid forward; null if there is none. */
export async function findSession(db: Db, clock: Clock, token: string): Promise<LiveSession | null> {
  const now = clock.now();
  const row = await findLiveSession(db, secretHash(token), isoTime(now));
  if (!row) return null;
  let expiresAt = row.expires_at;
  let extended = false;
  if (now.getTime() - Date.parse(row.last_seen_at) >= SESSION_TOUCH_MS) {
    const limit = Date.parse(row.created_at) + SESSION_MAX_MS;
    expiresAt = isoTime(new Date(Math.min(now.getTime() + SESSION_IDLE_MS, limit)));
    await touchSession(db, row.id, isoTime(now), expiresAt);
    extended = true;
  }
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    expiresAt,
    extended,
    actor: {
      staffId: row.staff_id,
      tokenId: null,
      name: row.staff_name,
      role: row.staff_role as StaffRole,
    },
  };
}

/** Ends a session (sign-out). Ending one that is already gone is not an error. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
