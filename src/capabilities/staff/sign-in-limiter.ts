import type { Deps } from '../../deps.js';
import { createSignInGuard, type RateRule, type SignInGuard } from '../../platform/rate-limit/index.js';

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Guessing one person's password from one address is slowed hardest; spraying many accounts from
 * one address is capped higher so a few typos by a whole office behind one address do not lock
 * anyone out. The per-account cap holds back only devices the account has not signed in on
 * (platform/rate-limit/sign-in-guard.ts, ADR 0015): the real person's own device gets its own count.
 */
export const SIGN_IN_RULES = {
  ipAccount: { name: 'staff-signin:ip_email', limit: 10, windowMs: FIFTEEN_MINUTES },
  ip: { name: 'staff-signin:ip', limit: 50, windowMs: FIFTEEN_MINUTES },
  account: { name: 'staff-signin:email', limit: 100, windowMs: FIFTEEN_MINUTES },
  device: { name: 'staff-signin:device', limit: 20, windowMs: FIFTEEN_MINUTES },
} as const satisfies Record<string, RateRule>;

/** Codes typed after a password (two-factor, mailed sign-in codes), per address. */
export const CODE_RULE: RateRule = { name: 'staff-signin:code_ip', limit: 30, windowMs: FIFTEEN_MINUTES };

/** Staff sign-in's guard on the paper's shared counters (deps.rateLimiter: Redis when configured). */
export function createStaffSignInGuard(deps: Deps): SignInGuard {
  return createSignInGuard(deps, 'staff', SIGN_IN_RULES);
}
