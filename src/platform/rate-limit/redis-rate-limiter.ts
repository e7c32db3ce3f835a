import { createHash } from 'node:crypto';
import { Redis, type Result } from 'ioredis';
import type { Clock } from '../clock.js';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { type RateLimiter, type RateLimitLogger, retryAfterSeconds } from './rate-limit.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /**
     * HIT_SCRIPT: `{0, 0, count1, pttl1, count2, pttl2, ...}` when counted, `{i, pttl}` when the
     * i-th key (1-based) is full.
     */
    mastheadRateHit(numKeys: number, ...keysThenArgs: Array<string | number>): Result<number[], Context>;
  }
}

/**
 * One hit against every rule, atomically: check all counters first, so a refused hit counts nowhere,
 * then count each; a counter's first hit starts its window (PEXPIRE). A counter found without an
 * expiry (written by hand, or a crash between INCR and PEXPIRE in an old Redis) gets one, so it can
 * never hold a subject back for ever. KEYS[i] goes with ARGV[2i-1] (limit) and ARGV[2i] (window ms).
 * Each key's new count and time left come back, so this process can keep a copy (see `local`).
 */
const HIT_SCRIPT = `
for i = 1, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then
      redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
      ttl = tonumber(ARGV[2 * i])
    end
    return {i, ttl}
  end
end
local counted = {0, 0}
for i = 1, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
  end
  table.insert(counted, count)
  table.insert(counted, redis.call('PTTL', KEYS[i]))
end
return counted
`;

/** The first hits after start wait this long at most for the first connection, then count in memory. */
const FIRST_CONNECT_WAIT_MS = 1_000;

export interface RedisRateLimiterOptions {
  url: URL;
  /** Starts every key, so several papers (or tests) can share one Redis. */
  prefix?: string;
  /** Times the fallback counters only; Redis's own clock times the shared windows. */
  clock: Clock;
  logger: RateLimitLogger;
}

/**
 * Counters in Redis, shared by every web process: one Lua script per hit (see HIT_SCRIPT). Windows
 * are fixed and timed by Redis, so processes with drifting clocks still agree. Subjects are stored
 * as SHA-256 hashes: addresses stay out of key listings and keys stay short; this is not a secret.
 *
 * When Redis does not answer, hits are counted in this process's memory until it does, and the
 * change is logged once each way. Every answer from Redis is copied into that memory as it comes
 * (the count and the time left of each key this process touched), so the local count picks up where
 * the shared one was: an account at its limit when Redis goes away stays at its limit. Neither failing closed (every sign-in refused while a cache is
 * down, locking out readers and the newsroom alike) nor failing open (no limit at all, so a guesser
 * gets free rein during the outage): the limits still hold, per process instead of per paper.
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  const prefix = options.prefix ?? 'masthead:rate:';
  const { logger } = options;
  // Not only a fallback: a copy of every count this process has seen Redis answer with.
  const local = createMemoryRateLimiter(options.clock);
  const redis = new Redis(options.url.href, {
    // A hit never waits in a queue for a Redis that is away: it fails at once and falls back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    // Keep trying to reconnect, at most every 5 s, until close().
    retryStrategy: (times) => Math.min(times * 250, 5_000),
  });
  redis.defineCommand('mastheadRateHit', { lua: HIT_SCRIPT });

  let away = false;
  const wentAway = (error: unknown) => {
    if (away) return;
    away = true;
    logger.warn(
      { err: error instanceof Error ? error.message : String(error), redis: options.url.host },
      'rate limits: Redis does not answer; counting in this process until it does',
    );
  };
  const cameBack = () => {
    if (!away) return;
    away = false;
    logger.info({ redis: options.url.host }, 'rate limits: Redis answers again; counting there');
  };
  // Without a listener ioredis prints every failed reconnection to the console.
  redis.on('error', wentAway);

  let firstConnect: Promise<void> | null = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
    timer.unref();
    const settle = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', settle);
    redis.once('error', settle);
    redis.once('end', settle);
  });

  const keyOf = (rule: { name: string }, subject: string) =>
    `${prefix}${rule.name}:${createHash('sha256').update(subject).digest('base64url')}`;

  return {
    async hit(checks) {
      if (checks.length === 0) return { ok: true };
      if (firstConnect) {
        await firstConnect;
        firstConnect = null;
      }
      const keys = checks.map(({ rule, subject }) => keyOf(rule, subject));
      const args = checks.flatMap(({ rule }) => [rule.limit, rule.windowMs]);
      let reply: number[];
      try {
        reply = await redis.mastheadRateHit(keys.length, ...keys, ...args);
      } catch (error) {
        wentAway(error);
        return local.hit(checks);
      }
      cameBack();
      const [full = 0, ttl = 0] = reply;
      if (full > 0) {
        const { rule, subject } = checks[full - 1]!;
        local.record(rule, subject, rule.limit, ttl);
        return { ok: false, rule: rule.name, retryAfterSeconds: retryAfterSeconds(ttl) };
      }
      checks.forEach(({ rule, subject }, i) => {
        const left = reply[3 + 2 * i] ?? 0;
        local.record(rule, subject, reply[2 + 2 * i] ?? 1, left > 0 ? left : rule.windowMs);
      });
      return { ok: true };
    },
    async reset(rule, subject) {
      await local.reset(rule, subject);
      try {
        await redis.del(keyOf(rule, subject));
        cameBack();
      } catch (error) {
        // The count then runs out with its window: a nuisance for one subject, not a reason to fail the request.
        wentAway(error);
      }
    },
    async close() {
      await local.close();
      if (redis.status === 'ready') {
        // quit() lets a command in flight finish; 'end' comes once the socket is closed, so nothing
        // of this client keeps the process alive after close() returns.
        const ended = new Promise((resolve) => redis.once('end', resolve));
        await redis.quit().catch(() => redis.disconnect());
        await ended;
      } else {
        // Connecting or waiting to reconnect: stop the attempt and the reconnect timer.
        redis.disconnect();
      }
    },
  };
}
