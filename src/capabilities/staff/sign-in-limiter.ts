import type { Clock } from '../../platform/clock.js';

/** How many sign-in attempts one key may make in one window. */
export interface LimitRule {
  readonly name: 'ip_email' | 'ip' | 'email';
  readonly limit: number;
  readonly windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Guessing one person's password from one address is slowed hardest; spraying many accounts from
 * one address, or one account from many addresses, is capped higher so a few typos by a whole
 * office behind one address do not lock anyone out.
 */
export const SIGN_IN_RULES: readonly LimitRule[] = [
  { name: 'ip_email', limit: 10, windowMs: FIFTEEN_MINUTES },
  { name: 'ip', limit: 50, windowMs: FIFTEEN_MINUTES },
  { name: 'email', limit: 100, windowMs: FIFTEEN_MINUTES },
];

/** Beyond this many live keys, finished windows are swept before a new key is added. */
const MAX_KEYS = 50_000;

export type LimitDecision = { ok: true } | { ok: false; rule: LimitRule['name']; retryAfterSeconds: number };

export interface SignInLimiter {
  /** Counts an attempt; refuses when any rule's window is already full. */
  attempt(ip: string, email: string): LimitDecision;
  /** A successful sign-in clears that address's count for that account. */
  succeeded(ip: string, email: string): void;
}

/**
 * Fixed-window counters in this process's memory. One per app (built in the staff API plugin); a
 * paper running several web processes shares them through Redis instead (not yet built).
 */
export function createSignInLimiter(
  clock: Clock,
  rules: readonly LimitRule[] = SIGN_IN_RULES,
): SignInLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const keyOf = (rule: LimitRule, ip: string, email: string) =>
    rule.name === 'ip_email'
      ? `ip_email\n${ip}\n${email}`
      : rule.name === 'ip'
        ? `ip\n${ip}`
        : `email\n${email}`;

  function sweep(now: number) {
    for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key);
    // Still full of live windows (a flood of addresses): drop the oldest rather than grow without end.
    for (const key of windows.keys()) {
      if (windows.size < MAX_KEYS) break;
      windows.delete(key);
    }
  }

  return {
    attempt(ip, email) {
      const now = clock.now().getTime();
      for (const rule of rules) {
        const w = windows.get(keyOf(rule, ip, email));
        if (w && w.resetAt > now && w.count >= rule.limit) {
          return { ok: false, rule: rule.name, retryAfterSeconds: Math.ceil((w.resetAt - now) / 1000) };
        }
      }
      for (const rule of rules) {
        const key = keyOf(rule, ip, email);
        const w = windows.get(key);
        if (w && w.resetAt > now) w.count++;
        else {
          if (windows.size >= MAX_KEYS) sweep(now);
          windows.set(key, { count: 1, resetAt: now + rule.windowMs });
        }
      }
      return { ok: true };
    },
    succeeded(ip, email) {
      for (const rule of rules) if (rule.name === 'ip_email') windows.delete(keyOf(rule, ip, email));
    },
  };
}
