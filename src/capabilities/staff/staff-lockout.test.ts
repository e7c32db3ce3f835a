import { expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { codeIn } from '../../../test/support/smtp.js';
import { cookiesOf, mailTo } from '../../../test/support/staff-security.js';
import { fixedClock } from '../../platform/clock.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { createStaff } from './staff-service.js';
import { DEVICE_COOKIE } from './staff-sign-in-api.js';

const API = '/api/admin/v1';
const OWNER = 'owner@news.example';
const PASSWORD = 'the owner’s own passphrase';

describeEachDialect('staff sign-in under attack from many addresses', (t) => {
  async function ownerWithLaptop() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock, env: { TRUST_PROXY: '10.0.0.0/8' } });
    await createStaff(deps.database.db, clock, {
      email: OWNER,
      name: 'Owner',
      role: 'owner',
      password: PASSWORD,
    });
    // Every request comes through the paper's proxy, which names the client's address.
    const signIn = (from: string, password: string, cookie = '') =>
      app.inject({
        method: 'POST',
        url: `${API}/auth/sign-in`,
        payload: { email: OWNER, password },
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': from, ...(cookie ? { cookie } : {}) },
      });
    const verify = (from: string, challenge: string, code: string) =>
      app.inject({
        method: 'POST',
        url: `${API}/auth/sign-in/verify`,
        payload: { challenge, code },
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': from },
      });

    // The owner signed in from their laptop last week: it carries the known-device cookie.
    const earlier = await signIn('192.0.2.10', PASSWORD);
    expect(earlier.statusCode).toBe(200);
    const laptop = cookiesOf(earlier, [DEVICE_COOKIE]);
    expect(earlier.cookies.find((c) => c.name === DEVICE_COOKIE)).toMatchObject({
      httpOnly: true,
      secure: true,
    });

    return { app, deps, clock, signIn, verify, laptop };
  }

  async function underAttack() {
    const paper = await ownerWithLaptop();
    // 100 wrong passwords for the owner's address, from 100 addresses (the last one or two find
    // the account's limit full, and get the same answer as any password would).
    for (let i = 0; i < 100; i++) {
      const res = await paper.signIn(`198.51.100.${i + 1}`, `guess number ${i}`);
      expect([401, 202]).toContain(res.statusCode);
    }
    return paper;
  }

  it('lets the owner in from a known device, asks an unknown one for a mailed code, keeps the attacker out', async () => {
    const { deps, signIn, verify, laptop } = await underAttack();

    // The known device, from a fresh address: in at once.
    const known = await signIn('203.0.113.50', PASSWORD, laptop);
    expect(known.statusCode).toBe(200);
    expect(known.cookies.map((c) => c.name)).toContain(SESSION_COOKIE);

    // An unknown device with the right password: a code is mailed, and it lets the owner in.
    const before = (await mailTo(deps, OWNER)).length;
    const res = await signIn('203.0.113.60', PASSWORD);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ next: 'mailed-code' });
    const mail = await mailTo(deps, OWNER);
    expect(mail).toHaveLength(before + 1);
    const code = codeIn(mail.at(-1)!);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await verify('203.0.113.60', res.json().challenge, code === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('CODE_INVALID');
    const done = await verify('203.0.113.60', res.json().challenge, code!);
    expect(done.statusCode).toBe(200);
    expect(done.json().staff.email).toBe(OWNER);
    // The code works once.
    expect((await verify('203.0.113.60', res.json().challenge, code!)).json().error.code).toBe(
      'CHALLENGE_INVALID',
    );
    // That browser is now known: its next sign-in needs no code.
    expect((await signIn('203.0.113.61', PASSWORD, cookiesOf(done, [DEVICE_COOKIE]))).statusCode).toBe(200);

    // The attacker: the same answer for any password, no mail, a challenge that opens nothing.
    const sent = (await mailTo(deps, OWNER)).length;
    const guess = await signIn('198.51.100.200', 'yet another guess');
    expect(guess.statusCode).toBe(202);
    expect(Object.keys(guess.json()).sort()).toEqual(['challenge', 'expiresAt', 'next']);
    expect(guess.json().next).toBe('mailed-code');
    expect(await mailTo(deps, OWNER)).toHaveLength(sent);
    for (const tried of ['000000', '123456', '999999']) {
      const attempt = await verify('198.51.100.200', guess.json().challenge, tried);
      expect(attempt.json().error.code).toBe('CHALLENGE_INVALID');
    }
    // A forged device cookie is an unknown device.
    const forged = laptop.replace(/\.[0-9a-f]{64}$/, `.${'0'.repeat(64)}`);
    expect(forged).not.toBe(laptop);
    expect((await signIn('198.51.100.201', 'guess', forged)).statusCode).toBe(202);
  });

  it('still limits one address, known device or not', async () => {
    const { signIn, laptop } = await ownerWithLaptop();
    for (let i = 0; i < 10; i++)
      expect((await signIn('203.0.113.70', 'typo typo typo', laptop)).statusCode).toBe(401);
    const res = await signIn('203.0.113.70', PASSWORD, laptop);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('RATE_LIMITED');
  });
});
