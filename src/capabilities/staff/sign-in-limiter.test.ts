import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { createMemoryRateLimiter } from '../../platform/rate-limit/index.js';
import { createSignInLimiter, SIGN_IN_RULES } from './sign-in-limiter.js';

describe('createSignInLimiter', () => {
  const rules = {
    ipEmail: { name: 'ip_email', limit: 2, windowMs: 60_000 },
    ip: { name: 'ip', limit: 3, windowMs: 60_000 },
    email: { name: 'email', limit: 4, windowMs: 60_000 },
  };
  const limiterAt = (clock = fixedClock('2026-01-01T00:00:00Z')) =>
    createSignInLimiter(createMemoryRateLimiter(clock), rules);

  it('keeps the rules of the issue: 10 per address and account, 50 per address, 100 per account in 15 minutes', () => {
    expect(Object.values(SIGN_IN_RULES).map((r) => [r.limit, r.windowMs])).toEqual([
      [10, 900_000],
      [50, 900_000],
      [100, 900_000],
    ]);
  });

  it('holds back one address guessing one account, then frees it when the window ends', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = limiterAt(clock);
    expect(await limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({ ok: true });
    expect(await limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({ ok: true });
    clock.advance(20_000);
    expect(await limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({
      ok: false,
      rule: 'ip_email',
      retryAfterSeconds: 40,
    });
    clock.advance(40_000);
    expect(await limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({ ok: true });
  });

  it('caps one address across accounts and one account across addresses', async () => {
    const limiter = limiterAt();
    for (const email of ['a@x.example', 'b@x.example', 'c@x.example']) {
      expect((await limiter.attempt('1.1.1.1', email)).ok).toBe(true);
    }
    expect(await limiter.attempt('1.1.1.1', 'd@x.example')).toMatchObject({ ok: false, rule: 'ip' });
    for (const ip of ['2.2.2.2', '3.3.3.3', '4.4.4.4']) {
      expect((await limiter.attempt(ip, 'z@x.example')).ok).toBe(true);
    }
    expect((await limiter.attempt('5.5.5.5', 'z@x.example')).ok).toBe(true);
    expect(await limiter.attempt('6.6.6.6', 'z@x.example')).toMatchObject({ ok: false, rule: 'email' });
  });

  it('clears the address-and-account count after a success', async () => {
    const limiter = limiterAt();
    await limiter.attempt('1.1.1.1', 'a@x.example');
    await limiter.attempt('1.1.1.1', 'a@x.example');
    await limiter.succeeded('1.1.1.1', 'a@x.example');
    expect((await limiter.attempt('1.1.1.1', 'a@x.example')).ok).toBe(true);
  });
});
