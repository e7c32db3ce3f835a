import type { RateDecision, RateLimiter, RateRule } from '../../platform/rate-limit/index.js';

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Guessing one person's password from one address is slowed hardest; spraying many accounts from
 * one address, or one account from many addresses, is capped higher so a few typos by a whole
 * office behind one address do not lock anyone out.
 */
export const SIGN_IN_RULES = {
  ipEmail: { name: 'staff-signin:ip_email', limit: 10, windowMs: FIFTEEN_MINUTES },
  ip: { name: 'staff-signin:ip', limit: 50, windowMs: FIFTEEN_MINUTES },
  email: { name: 'staff-signin:email', limit: 100, windowMs: FIFTEEN_MINUTES },
} as const satisfies Record<string, RateRule>;

type SignInRules = { readonly [K in keyof typeof SIGN_IN_RULES]: RateRule };

export interface SignInLimiter {
  /** Counts an attempt; refuses when any rule's window is already full. */
  attempt(ip: string, email: string): Promise<RateDecision>;
  /** A successful sign-in clears that address's count for that account. */
  succeeded(ip: string, email: string): Promise<void>;
}

/** Staff sign-in's rules on the paper's shared counters (deps.rateLimiter: Redis when configured). */
export function createSignInLimiter(limiter: RateLimiter, rules: SignInRules = SIGN_IN_RULES): SignInLimiter {
  // An IP address holds no newline, so no other (address, email) pair makes the same subject.
  const pair = (ip: string, email: string) => `${ip}\n${email}`;
  return {
    attempt: (ip, email) =>
      limiter.hit([
        { rule: rules.ipEmail, subject: pair(ip, email) },
        { rule: rules.ip, subject: ip },
        { rule: rules.email, subject: email },
      ]),
    succeeded: (ip, email) => limiter.reset(rules.ipEmail, pair(ip, email)),
  };
}
