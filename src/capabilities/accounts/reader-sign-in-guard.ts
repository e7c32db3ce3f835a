import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { createSignInGuard, KNOWN_DEVICE_MS, type SignInGuard } from '../../platform/rate-limit/index.js';
import { ACCOUNT_RULES, ipSubject, refuseWhenLimited } from './account-abuse.js';
import { clientIp } from './reader-forms.js';
import { readerCookieFlags } from './reader-session.js';

/** Marks a browser a reader has signed in on (see platform/rate-limit/sign-in-guard.ts, ADR 0015). */
export const READER_DEVICE_COOKIE = 'masthead_reader_device';

/**
 * Password sign-in's limits for readers: per IP, per IP and address, and per address, the last only
 * for browsers the reader has not signed in on. Addresses are keyed hashes (`addressSubject`).
 */
export function createReaderSignInGuard(deps: Deps): SignInGuard {
  return createSignInGuard(deps, 'reader', {
    ipAccount: ACCOUNT_RULES.signInIpAddress,
    ip: ACCOUNT_RULES.signInIp,
    account: ACCOUNT_RULES.signInAddress,
    device: ACCOUNT_RULES.signInDevice,
  });
}

/**
 * Counts a password attempt; 429 when an IP limit is full. Answers whether the address is under
 * attack and this browser unknown to it: then the page must not say whether the password was right.
 */
export async function guardReaderSignIn(
  deps: Deps,
  guard: SignInGuard,
  request: FastifyRequest,
  reply: FastifyReply,
  address: string,
): Promise<{ accountBusy: boolean }> {
  const decision = await guard.attempt({
    ip: ipSubject(deps, clientIp(request)),
    account: address,
    deviceCookie: request.cookies[READER_DEVICE_COOKIE],
  });
  refuseWhenLimited(deps, reply, decision);
  return { accountBusy: decision.ok && decision.accountBusy };
}

/** After a sign-in that proved the reader (password or mailed code): this browser is known now. */
export async function readerSignedIn(
  deps: Deps,
  guard: SignInGuard,
  request: FastifyRequest,
  reply: FastifyReply,
  address: string,
): Promise<void> {
  // The address's own count is not cleared: a guesser would get fresh tries each time the reader
  // signs in, and the reader needs no clearing (this browser is known now).
  await guard.succeeded({ ip: ipSubject(deps, clientIp(request)), account: address });
  reply.setCookie(READER_DEVICE_COOKIE, guard.deviceCookie(address), {
    ...readerCookieFlags(deps),
    maxAge: KNOWN_DEVICE_MS / 1000,
  });
}
