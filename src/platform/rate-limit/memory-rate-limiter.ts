import type { Clock } from '../clock.js';
import { type RateLimiter, type RateRule, retryAfterSeconds } from './rate-limit.js';

/** Far more than honest traffic needs in one window; each key costs about 150 bytes. */
const MAX_KEYS = 100_000;
/** Finished windows are swept once per this many new windows, so a quiet process stays small too. */
const SWEEP_EVERY = 1_000;

/** The memory store, which can also be told a count kept elsewhere (the Redis store's mirror). */
export interface MemoryRateLimiter extends RateLimiter {
  /**
   * Sets a subject's count to at least `count`, its window ending in `remainingMs`: what the shared
   * store answered, kept so that counting here when it goes away starts from there, not from zero.
   */
  record(rule: RateRule, subject: string, count: number, remainingMs: number): void;
}

/**
 * Fixed-window counters in this process's memory, timed by the injected clock. Bounded: finished
 * windows are swept, and past `maxKeys` live ones (a flood of made-up subjects) the oldest window is
 * forgotten rather than memory growing without end. Forgetting only ever lets a subject through early.
 */
export function createMemoryRateLimiter(clock: Clock, options: { maxKeys?: number } = {}): MemoryRateLimiter {
  const maxKeys = options.maxKeys ?? MAX_KEYS;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let opened = 0;
  const keyOf = (rule: { name: string }, subject: string) => `${rule.name}\n${subject}`;

  function open(key: string, now: number, windowMs: number, count = 1) {
    // Deleting first re-inserts the key at the end: the map stays in order of window start.
    windows.delete(key);
    opened += 1;
    if (opened % SWEEP_EVERY === 0 || windows.size >= maxKeys) {
      for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    }
    for (const oldest of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(oldest);
    }
    windows.set(key, { count, resetAt: now + windowMs });
  }

  return {
    async hit(checks) {
      const now = clock.now().getTime();
      for (const { rule, subject } of checks) {
        const w = windows.get(keyOf(rule, subject));
        const live = w && w.resetAt > now ? w : null;
        if ((live?.count ?? 0) >= rule.limit) {
          const remaining = live ? live.resetAt - now : rule.windowMs;
          return { ok: false, rule: rule.name, retryAfterSeconds: retryAfterSeconds(remaining) };
        }
      }
      for (const { rule, subject } of checks) {
        const key = keyOf(rule, subject);
        const w = windows.get(key);
        if (w && w.resetAt > now) w.count += 1;
        else open(key, now, rule.windowMs);
      }
      return { ok: true };
    },
    record(rule, subject, count, remainingMs) {
      const now = clock.now().getTime();
      const key = keyOf(rule, subject);
      const w = windows.get(key);
      if (w && w.resetAt > now) {
        w.count = Math.max(w.count, count);
        w.resetAt = now + remainingMs;
      } else {
        open(key, now, remainingMs, count);
      }
    },
    async reset(rule, subject) {
      windows.delete(keyOf(rule, subject));
    },
    async close() {
      windows.clear();
    },
  };
}
