import { randomBytes } from 'node:crypto';
import { createServer, Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisAnswers, TEST_REDIS_URL } from '../../../test/support/redis.js';
import { fixedClock } from '../clock.js';
import { createMemoryRateLimiter, type RateLimiter, type RateLimitLogger, type RateRule } from './index.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

const REDIS_URL = TEST_REDIS_URL;
const redisUp = await redisAnswers(REDIS_URL);
if (!redisUp && process.env.CI)
  throw new Error(`CI needs Redis for the rate-limit tests; ${REDIS_URL.host} does not answer.`);

function connectTo(url: URL): Socket {
  return new Socket().connect(Number(url.port || 6379), url.hostname);
}

const MINUTE = 60_000;
const signIn: RateRule = { name: 'signin:ip_email', limit: 3, windowMs: 15 * MINUTE };
const perIp: RateRule = { name: 'signin:ip', limit: 5, windowMs: 15 * MINUTE };

function quietLogger(): RateLimitLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    warn: (_d, m) => void lines.push(`warn: ${m}`),
    info: (_d, m) => void lines.push(`info: ${m}`),
  };
}

const open: RateLimiter[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

/** What every store must do; the memory store runs on a fixed clock, Redis on its own. */
function behavesAsALimiter(make: () => RateLimiter) {
  function limiter() {
    const made = make();
    open.push(made);
    return made;
  }

  it('lets `limit` hits through, then refuses with the rule and the seconds left in the window', async () => {
    const l = limiter();
    for (let i = 0; i < 3; i++)
      expect(await l.hit([{ rule: signIn, subject: 'ip|a@x' }])).toEqual({ ok: true });
    expect(await l.hit([{ rule: signIn, subject: 'ip|a@x' }])).toEqual({
      ok: false,
      rule: 'signin:ip_email',
      retryAfterSeconds: 900,
    });
  });

  it('checks every rule before counting any, so a refused hit counts nowhere', async () => {
    const l = limiter();
    const both = [
      { rule: signIn, subject: 'ip|a@x' },
      { rule: perIp, subject: 'ip' },
    ];
    for (let i = 0; i < 3; i++) expect((await l.hit(both)).ok).toBe(true);
    for (let i = 0; i < 3; i++)
      expect(await l.hit(both)).toMatchObject({ ok: false, rule: 'signin:ip_email' });
    // perIp saw 3 hits, not 6: two more are allowed.
    expect((await l.hit([{ rule: perIp, subject: 'ip' }])).ok).toBe(true);
    expect((await l.hit([{ rule: perIp, subject: 'ip' }])).ok).toBe(true);
    expect(await l.hit([{ rule: perIp, subject: 'ip' }])).toMatchObject({ ok: false, rule: 'signin:ip' });
  });

  it('keeps subjects and rules apart, and reset forgets one subject of one rule', async () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) await l.hit([{ rule: signIn, subject: 'ip|a@x' }]);
    expect((await l.hit([{ rule: signIn, subject: 'ip|b@x' }])).ok).toBe(true);
    expect((await l.hit([{ rule: perIp, subject: 'ip|a@x' }])).ok).toBe(true);
    expect((await l.hit([{ rule: signIn, subject: 'ip|a@x' }])).ok).toBe(false);
    await l.reset(signIn, 'ip|a@x');
    expect((await l.hit([{ rule: signIn, subject: 'ip|a@x' }])).ok).toBe(true);
    await l.reset(signIn, 'never seen');
  });

  it('counts concurrent hits exactly: of 20 at once, `limit` get through', async () => {
    const l = limiter();
    const rule = { name: 'burst', limit: 7, windowMs: MINUTE };
    const decisions = await Promise.all(Array.from({ length: 20 }, () => l.hit([{ rule, subject: 's' }])));
    expect(decisions.filter((d) => d.ok)).toHaveLength(7);
  });

  it('lets an empty list of checks through, and none through a rule whose limit is 0', async () => {
    const l = limiter();
    expect(await l.hit([])).toEqual({ ok: true });
    const closed = { name: 'closed', limit: 0, windowMs: MINUTE };
    expect(await l.hit([{ rule: closed, subject: 's' }])).toEqual({
      ok: false,
      rule: 'closed',
      retryAfterSeconds: 60,
    });
  });
}

describe('memory rate limiter', () => {
  const clock = fixedClock('2026-11-16T09:00:00Z');
  behavesAsALimiter(() => createMemoryRateLimiter(clock));

  it('frees a subject when its window ends, timed by the injected clock', async () => {
    const c = fixedClock('2026-11-16T09:00:00Z');
    const l = createMemoryRateLimiter(c);
    for (let i = 0; i < 3; i++) await l.hit([{ rule: signIn, subject: 's' }]);
    c.advance(10 * MINUTE);
    expect(await l.hit([{ rule: signIn, subject: 's' }])).toMatchObject({ retryAfterSeconds: 300 });
    c.advance(5 * MINUTE);
    expect(await l.hit([{ rule: signIn, subject: 's' }])).toEqual({ ok: true });
  });

  it('stays within maxKeys: sweeps finished windows first, then forgets the oldest live one', async () => {
    const c = fixedClock('2026-11-16T09:00:00Z');
    const l = createMemoryRateLimiter(c, { maxKeys: 3 });
    const long = { name: 'long', limit: 1, windowMs: 60 * MINUTE };
    const short = { name: 'short', limit: 1, windowMs: MINUTE };
    await l.hit([{ rule: long, subject: 'x' }]);
    await l.hit([{ rule: short, subject: 'a' }]);
    await l.hit([{ rule: short, subject: 'b' }]);
    c.advance(2 * MINUTE);
    // Full: the two finished windows go, the oldest live one (x) stays.
    await l.hit([{ rule: short, subject: 'c' }]);
    expect((await l.hit([{ rule: long, subject: 'x' }])).ok).toBe(false);
    // Full of live windows: x, the oldest, is forgotten to make room.
    await l.hit([{ rule: short, subject: 'd' }]);
    await l.hit([{ rule: short, subject: 'e' }]);
    expect((await l.hit([{ rule: long, subject: 'x' }])).ok).toBe(true);
  });
});

describe.skipIf(!redisUp)('redis rate limiter', () => {
  const logger = quietLogger();
  let prefix = '';
  const make = () =>
    createRedisRateLimiter({ url: REDIS_URL, prefix, clock: fixedClock('2026-11-16T09:00:00Z'), logger });
  // Made in beforeAll: the body of a skipped describe still runs, and must not dial a Redis that is not there.
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(REDIS_URL.href);
  });
  afterAll(() => admin.quit());

  afterEach(async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  });
  // A fresh prefix per test: runs and tests never see each other's counters.
  const fresh = () => {
    prefix = `masthead-test:${randomBytes(6).toString('hex')}:`;
    return make();
  };

  behavesAsALimiter(fresh);

  it('shares counts between processes and starts each window with an expiry', async () => {
    const first = fresh();
    const second = make();
    open.push(first, second);
    await first.hit([{ rule: signIn, subject: 'ip|a@x' }]);
    await second.hit([{ rule: signIn, subject: 'ip|a@x' }]);
    await first.hit([{ rule: signIn, subject: 'ip|a@x' }]);
    expect(await second.hit([{ rule: signIn, subject: 'ip|a@x' }])).toMatchObject({ ok: false });

    const keys = await admin.keys(`${prefix}*`);
    expect(keys).toHaveLength(1);
    // The subject is hashed: no address in the key.
    expect(keys[0]).not.toContain('a@x');
    const ttl = await admin.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(signIn.windowMs);
  });

  it('frees a subject when Redis expires its window', async () => {
    const l = fresh();
    open.push(l);
    const brief = { name: 'brief', limit: 1, windowMs: 50 };
    expect((await l.hit([{ rule: brief, subject: 's' }])).ok).toBe(true);
    expect(await l.hit([{ rule: brief, subject: 's' }])).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await l.hit([{ rule: brief, subject: 's' }])).ok).toBe(true);
  });

  it('repairs a counter left without an expiry instead of holding its subject for ever', async () => {
    const l = fresh();
    open.push(l);
    await l.hit([{ rule: signIn, subject: 's' }]);
    const [key] = await admin.keys(`${prefix}*`);
    await admin.set(key!, '99');
    expect(await l.hit([{ rule: signIn, subject: 's' }])).toMatchObject({
      ok: false,
      retryAfterSeconds: 900,
    });
    expect(await admin.pttl(key!)).toBeGreaterThan(0);
  });

  it('keeps the counts it saw when Redis goes away: an account at its limit stays there', async () => {
    // A TCP relay of this test's own in front of the shared Redis: closing it takes Redis away from
    // this limiter only, not from the other processes using the same server.
    const relayed = new Set<Socket>();
    const relay = createServer((client) => {
      const upstream = connectTo(REDIS_URL);
      relayed.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const { port } = relay.address() as { port: number };
    prefix = `masthead-test:${randomBytes(6).toString('hex')}:`;
    const l = createRedisRateLimiter({
      url: new URL(`redis://127.0.0.1:${port}`),
      prefix,
      clock: fixedClock('2026-11-16T09:00:00Z'),
      logger,
    });
    open.push(l);
    const account = { name: 'signin:account', limit: 10, windowMs: 15 * MINUTE };
    // Hits from other processes (another web process) reach the same counter in Redis.
    const other = make();
    open.push(other);
    for (let i = 0; i < 6; i++)
      expect((await other.hit([{ rule: account, subject: 'owner' }])).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect((await l.hit([{ rule: account, subject: 'owner' }])).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect((await l.hit([{ rule: perIp, subject: 'office' }])).ok).toBe(true);
    expect(await l.hit([{ rule: account, subject: 'owner' }])).toMatchObject({ ok: false });

    relay.close();
    for (const socket of relayed) socket.destroy();
    // Redis is away for this limiter: the subject is still at its limit, not given ten fresh tries.
    expect(await l.hit([{ rule: account, subject: 'owner' }])).toMatchObject({
      ok: false,
      rule: 'signin:account',
    });
    expect(logger.lines).toContain(
      'warn: rate limits: Redis does not answer; counting in this process until it does',
    );
    // A subject this process saw below its limit goes on from that count, not from zero.
    expect((await l.hit([{ rule: perIp, subject: 'office' }])).ok).toBe(true);
    expect((await l.hit([{ rule: perIp, subject: 'office' }])).ok).toBe(true);
    expect(await l.hit([{ rule: perIp, subject: 'office' }])).toMatchObject({ ok: false });
  });

  it('closes its connection: nothing of it keeps the process alive', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const before = sockets();
    const l = fresh();
    await l.hit([{ rule: signIn, subject: 's' }]);
    expect(sockets()).toBe(before + 1);
    await l.close();
    expect(sockets()).toBe(before);
  });
});

describe('redis rate limiter with Redis away', () => {
  it('keeps limiting in this process, says so once, and closes without waiting for Redis', async () => {
    const logger = quietLogger();
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const l = createRedisRateLimiter({
      url: new URL('redis://127.0.0.1:1'),
      clock: fixedClock('2026-11-16T09:00:00Z'),
      logger,
    });
    for (let i = 0; i < 3; i++) expect((await l.hit([{ rule: signIn, subject: 's' }])).ok).toBe(true);
    expect(await l.hit([{ rule: signIn, subject: 's' }])).toEqual({
      ok: false,
      rule: 'signin:ip_email',
      retryAfterSeconds: 900,
    });
    await l.reset(signIn, 's');
    expect((await l.hit([{ rule: signIn, subject: 's' }])).ok).toBe(true);
    expect(logger.lines).toEqual([
      'warn: rate limits: Redis does not answer; counting in this process until it does',
    ]);
    await l.close();
  });
});
