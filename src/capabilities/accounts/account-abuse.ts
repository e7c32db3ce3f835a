import { isDisposableEmailDomain } from 'disposable-email-domains-js';
import type { FastifyReply } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateDecision, RateRule } from '../../platform/rate-limit/index.js';
import { secretsMatch } from '../../platform/secrets.js';
import { emailDomain, normaliseEmail } from './account.js';
import { HONEYPOT_FIELD } from './reader-forms.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How often one address (IP) and one email address may do each thing. Per-IP limits stop a single
 * machine; per-address limits stop many machines aiming at one reader (or one inbox being flooded).
 */
export const ACCOUNT_RULES = {
  signUpIp: { name: 'account.sign-up:ip', limit: 10, windowMs: HOUR },
  signUpAddress: { name: 'account.sign-up:address', limit: 3, windowMs: HOUR },
  signInIp: { name: 'account.sign-in:ip', limit: 30, windowMs: 15 * MINUTE },
  signInAddress: { name: 'account.sign-in:address', limit: 10, windowMs: 15 * MINUTE },
  /** One IP on one address, and one known device on one address (reader-sign-in-guard.ts). */
  signInIpAddress: { name: 'account.sign-in:ip_address', limit: 10, windowMs: 15 * MINUTE },
  signInDevice: { name: 'account.sign-in:device', limit: 10, windowMs: 15 * MINUTE },
  mailLinkIp: { name: 'account.mail-link:ip', limit: 10, windowMs: HOUR },
  mailLinkAddress: { name: 'account.mail-link:address', limit: 5, windowMs: HOUR },
  codeIp: { name: 'account.code:ip', limit: 30, windowMs: 15 * MINUTE },
  codeAddress: { name: 'account.code:address', limit: 10, windowMs: 15 * MINUTE },
  resetIp: { name: 'account.reset:ip', limit: 10, windowMs: HOUR },
  resetAddress: { name: 'account.reset:address', limit: 3, windowMs: HOUR },
  /** Change of address and resent confirmations, per account. */
  accountMail: { name: 'account.mail:account', limit: 5, windowMs: HOUR },
} as const satisfies Record<string, RateRule>;

/** Subjects are keyed hashes, so a shared counter store (Redis) never holds an address or an IP. */
export const ipSubject = (deps: Deps, ip: string) => deps.keys.mac('subject-hash', `rate:ip:${ip}`);
export const addressSubject = (deps: Deps, email: string) =>
  deps.keys.mac('subject-hash', `rate:email:${normaliseEmail(email)}`);

/**
 * Counts one attempt against each rule; when one is full, replies 429 with Retry-After and a page
 * that says when to try again.
 */
export async function limitOrRefuse(
  deps: Deps,
  reply: FastifyReply,
  checks: ReadonlyArray<{ rule: RateRule; subject: string }>,
): Promise<void> {
  refuseWhenLimited(deps, reply, await deps.rateLimiter.hit(checks));
}

/** Replies 429 with Retry-After and a page that says when to try again, for a refused decision. */
export function refuseWhenLimited(deps: Deps, reply: FastifyReply, decision: RateDecision): void {
  if (decision.ok) return;
  const seconds = decision.retryAfterSeconds;
  const at = new Date(deps.clock.now().getTime() + seconds * 1000);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  reply.header('retry-after', String(seconds));
  throw new AppError(
    'RATE_LIMITED',
    429,
    `There have been too many attempts. Please try again in ${wait}, after ${at.toISOString().slice(11, 16)} UTC.`,
    { rule: decision.rule, retryAfterSeconds: seconds },
  );
}

/** Sending a form faster than this is taken for a program; people need longer to read and type. */
export const MIN_FILL_MS = 2_500;
/** A form kept open longer than this is sent back for a reload rather than trusted. */
const MAX_FORM_AGE_MS = 24 * HOUR;

/** The signed time a form was served at, for its hidden `started` field. */
export function formStarted(deps: Deps): string {
  const at = String(deps.clock.now().getTime());
  return `${at}.${deps.keys.mac('reader-forms', `started\n${at}`)}`;
}

export type GuardRefusal = { ok: false; code: string; message: string };

/**
 * The bot checks that need no outside service: the honeypot must be empty, and the form must have
 * taken a person's time to fill (a signed timestamp, so it cannot be forged).
 */
export function checkFormGuards(
  deps: Deps,
  body: { started?: string | undefined } & Record<string, unknown>,
): { ok: true } | GuardRefusal {
  const honeypot = body[HONEYPOT_FIELD];
  if (typeof honeypot === 'string' && honeypot !== '') {
    return {
      ok: false,
      code: 'FORM_REFUSED',
      message: 'This form was filled in like a program would. If you are a person, please send it again.',
    };
  }
  const [at, mac] = (body.started ?? '').split('.');
  const startedAt = Number(at);
  const now = deps.clock.now().getTime();
  const signed =
    at !== undefined &&
    mac !== undefined &&
    secretsMatch(mac, deps.keys.mac('reader-forms', `started\n${at}`));
  if (!signed || !Number.isSafeInteger(startedAt) || now - startedAt > MAX_FORM_AGE_MS || startedAt > now) {
    return {
      ok: false,
      code: 'FORM_STALE',
      message: 'This form was open too long, or came from elsewhere. Please check it and send it again.',
    };
  }
  if (now - startedAt < MIN_FILL_MS) {
    return {
      ok: false,
      code: 'FORM_TOO_FAST',
      message: 'That was quicker than we expect from a person. Please check the form and send it again.',
    };
  }
  return { ok: true };
}

/** Throwaway-inbox domains (and their subdomains) from the maintained disposable-email-domains list. */
export function isDisposableAddress(email: string): boolean {
  const labels = emailDomain(email).split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (isDisposableEmailDomain(labels.slice(i).join('.'))) return true;
  }
  return false;
}
