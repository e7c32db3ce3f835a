import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { randomSecret, secretHash } from '../../platform/secrets.js';
import { safeReturnPath } from './account.js';
import {
  deleteExpiredReaderSessions,
  deleteReaderSessionByToken,
  findLiveReaderSession,
  insertReaderSession,
  touchReaderSession,
} from './reader-session-repository.js';

/** The cookie that carries a reader's session. Its absence means an anonymous reader (no query). */
export const READER_COOKIE = 'masthead_reader';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A session left unused this long ends; each use pushes the end forward. */
export const READER_SESSION_IDLE_MS = 60 * DAY;
/** However busy, a session ends this long after sign-in, so a copied cookie does not live for ever. */
export const READER_SESSION_MAX_MS = 365 * DAY;
/** Writing last_seen_at on every page view would make every read a write. */
const TOUCH_MS = 5 * MINUTE;

export interface SignedInReader {
  id: string;
  email: string;
  displayName: string | null;
  /** The session's own id (not its token): the account page lists and ends sessions by it. */
  sessionId: string;
  emailVerified: boolean;
  hasPassword: boolean;
}

/** What finding the reader needs of a request: its cookies (a Fastify request, or the front door's view). */
type WithCookies = Pick<FastifyRequest, 'cookies'>;

/** Readers already looked up for a request, so the wall and a page asking twice cost one query. */
const lookedUp = new WeakMap<WithCookies, Promise<SignedInReader | null>>();

/** The reader behind the request's session cookie; null (without touching the database) when there is none. */
export function signedInReader(deps: Deps, request: WithCookies): Promise<SignedInReader | null> {
  const token = request.cookies[READER_COOKIE];
  if (!token) return Promise.resolve(null);
  let found = lookedUp.get(request);
  if (!found) {
    found = findReader(deps, token);
    lookedUp.set(request, found);
  }
  return found;
}

async function findReader(deps: Deps, token: string): Promise<SignedInReader | null> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const row = await findLiveReaderSession(db, secretHash(token), isoTime(now));
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_MS) {
    const limit = Date.parse(row.created_at) + READER_SESSION_MAX_MS;
    const expiresAt = isoTime(new Date(Math.min(now.getTime() + READER_SESSION_IDLE_MS, limit)));
    await touchReaderSession(db, row.id, isoTime(now), expiresAt);
  }
  return {
    id: row.reader_id,
    email: row.email,
    displayName: row.display_name,
    sessionId: row.id,
    emailVerified: row.email_verified_at !== null,
    hasPassword: row.has_password,
  };
}

/**
 * The signed-in reader, or null after replying 303 to the sign-in page with this address as the
 * place to come back to. A form sent after its session ended comes back to the account page
 * instead: the address it was posted to is not a page.
 */
export async function requireReader(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SignedInReader | null> {
  const reader = await signedInReader(deps, request);
  if (reader) return reader;
  reply.header('cache-control', 'no-store');
  const back =
    request.method === 'GET' || request.method === 'HEAD' ? safeReturnPath(request.url) : '/account';
  await reply.redirect(`/account/sign-in?return=${encodeURIComponent(back)}`, 303);
  return null;
}

export interface StartedReaderSession {
  /** The cookie value; only its hash is stored, so this is the one time it exists. */
  token: string;
  sessionId: string;
}

/**
 * Starts a new session for a reader who has just proven who they are. The session the browser came
 * with is deleted: every sign-in gets a fresh token (no session fixation).
 */
export async function startReaderSession(
  db: Db,
  deps: Deps,
  input: { readerId: string; userAgent: string | null; ip: string; previousToken: string | null },
): Promise<StartedReaderSession> {
  const now = deps.clock.now();
  if (input.previousToken) await deleteReaderSessionByToken(db, secretHash(input.previousToken));
  // Sign-ins are rare next to page views, so they are where ended sessions are swept away.
  await deleteExpiredReaderSessions(db, isoTime(now));
  const token = randomSecret();
  const sessionId = newId(now.getTime());
  await insertReaderSession(db, {
    id: sessionId,
    token_hash: secretHash(token),
    reader_id: input.readerId,
    created_at: isoTime(now),
    last_seen_at: isoTime(now),
    expires_at: isoTime(new Date(now.getTime() + READER_SESSION_IDLE_MS)),
    user_agent: input.userAgent === null ? null : input.userAgent.slice(0, 300),
    ip_hash: deps.keys.mac('address-hash', input.ip),
  });
  return { token, sessionId };
}

/**
 * HttpOnly so page scripts cannot read it, SameSite=Lax so other sites' forms do not carry it,
 * Secure when the paper is served over HTTPS. The cookie lives as long as the session could: the
 * database decides when an idle session has ended, so the cookie need not be re-sent on each use.
 */
export function setReaderCookie(reply: FastifyReply, deps: Deps, token: string): void {
  reply.setCookie(READER_COOKIE, token, { ...readerCookieFlags(deps), maxAge: READER_SESSION_MAX_MS / 1000 });
}

export function clearReaderCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(READER_COOKIE, readerCookieFlags(deps));
}

export function readerCookieFlags(deps: Deps) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.publicUrl.protocol === 'https:',
  };
}
