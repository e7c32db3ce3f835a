import { randomBytes, randomInt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { redisAnswers, TEST_REDIS_URL } from '../../test/support/redis.js';
import { createStaff, SIGN_IN_RULES } from '../capabilities/staff/index.js';

const REDIS_URL = TEST_REDIS_URL.href;
const redisUp = await redisAnswers();

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!redisUp)('buildDeps with REDIS_URL', () => {
  it('shares the sign-in limits of two web processes through Redis', async () => {
    const database: TestDatabase = await createTestDatabase('sqlite');
    cleanups.push(() => database.close());
    const first = await buildTestApp(database, { env: { REDIS_URL } });
    const second = await buildTestApp(database, { env: { REDIS_URL } });
    // A fresh address and account: counters of other runs in the same Redis never meet these.
    const ip = `198.51.100.${randomInt(1, 255)}`;
    const email = `desk-${randomBytes(6).toString('hex')}@news.example`;
    for (const { app, deps } of [first, second]) {
      cleanups.push(async () => {
        await app.close();
        await deps.rateLimiter.reset(SIGN_IN_RULES.ipAccount, `${ip}\n${email}`);
        await deps.rateLimiter.reset(SIGN_IN_RULES.ip, ip);
        await deps.rateLimiter.reset(SIGN_IN_RULES.account, email);
        await deps.rateLimiter.close();
      });
    }
    await createStaff(database.db, first.deps.clock, {
      email,
      name: 'Desk',
      role: 'editor',
      password: 'correct horse battery',
    });
    const signIn = (app: typeof first.app, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/v1/auth/sign-in',
        payload: { email, password },
        remoteAddress: ip,
      });

    for (let i = 0; i < 10; i++) {
      expect((await signIn(i % 2 === 0 ? first.app : second.app, `wrong ${i}`)).statusCode).toBe(401);
    }
    const limited = await signIn(second.app, 'correct horse battery');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Redis times the window in real time, so only its bounds are certain.
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('keeps two papers on one Redis apart: one paper at its limit does not limit the other', async () => {
    const papers = await Promise.all([createTestDatabase('sqlite'), createTestDatabase('sqlite')]);
    const ip = `198.51.100.${randomInt(1, 255)}`;
    const email = `desk-${randomBytes(6).toString('hex')}@news.example`;
    const apps = [];
    for (const database of papers) {
      cleanups.push(() => database.close());
      const built = await buildTestApp(database, { env: { REDIS_URL } });
      cleanups.push(async () => {
        await built.app.close();
        await built.deps.rateLimiter.reset(SIGN_IN_RULES.ipAccount, `${ip}\n${email}`);
        await built.deps.rateLimiter.reset(SIGN_IN_RULES.ip, ip);
        await built.deps.rateLimiter.reset(SIGN_IN_RULES.account, email);
        await built.deps.rateLimiter.close();
      });
      await createStaff(database.db, built.deps.clock, {
        email,
        name: 'Desk',
        role: 'editor',
        password: 'correct horse battery',
      });
      apps.push(built.app);
    }
    const [first, second] = apps as [(typeof apps)[0], (typeof apps)[0]];
    const signIn = (app: typeof first, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/v1/auth/sign-in',
        payload: { email, password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 10; i++) expect((await signIn(first, `wrong ${i}`)).statusCode).toBe(401);
    expect((await signIn(first, 'correct horse battery')).statusCode).toBe(429);
    // The same address and e-mail at another paper sharing the Redis: its own counts, so it signs in.
    expect((await signIn(second, 'correct horse battery')).statusCode).toBe(200);
  });
});
