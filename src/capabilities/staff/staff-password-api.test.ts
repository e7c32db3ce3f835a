import { expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { apiToken } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { linksIn } from '../../../test/support/smtp.js';
import { mailTo } from '../../../test/support/staff-security.js';
import { fixedClock } from '../../platform/clock.js';
import { secretHash } from '../../platform/secrets.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { createStaff } from './staff-service.js';
import { signIn } from './staff-session-service.js';

const API = '/api/admin/v1';
const NEW_PASSWORD = 'a brand new passphrase';

describeEachDialect('staff password change and reset', (t) => {
  async function setUp() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const email = 'ada@news.example';
    const password = 'the old passphrase';
    await createStaff(deps.database.db, clock, { email, name: 'Ada', role: 'editor', password });
    const session = () => signIn(deps.database.db, clock, { email, password });
    const headersOf = (s: { token: string; csrfToken: string }) => ({
      cookie: `${SESSION_COOKIE}=${s.token}`,
      'x-csrf-token': s.csrfToken,
    });
    const passwordSignIn = (pw: string) =>
      app.inject({ method: 'POST', url: `${API}/auth/sign-in`, payload: { email, password: pw } });
    return { app, deps, clock, email, password, session, headersOf, passwordSignIn };
  }

  it('changes the password with the current one, ends the other sessions and keeps this one', async () => {
    const { app, deps, password, session, headersOf, passwordSignIn } = await setUp();
    const here = await session();
    const phone = await session();
    const tablet = await session();
    const change = (payload: object, headers = headersOf(here)) =>
      app.inject({ method: 'POST', url: `${API}/auth/password`, payload, headers });

    const wrong = await change({ currentPassword: 'not it at all', newPassword: NEW_PASSWORD });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'PASSWORD_WRONG',
      details: { field: 'currentPassword' },
    });
    const short = await change({ currentPassword: password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'newPassword' } });
    const noCsrf = await app.inject({
      method: 'POST',
      url: `${API}/auth/password`,
      payload: { currentPassword: password, newPassword: NEW_PASSWORD },
      headers: { cookie: `${SESSION_COOKIE}=${here.token}` },
    });
    expect(noCsrf.json().error.code).toBe('CSRF_FAILED');
    // Nothing changed so far: the old password still works.
    expect((await passwordSignIn(password)).statusCode).toBe(200);

    const done = await change({ currentPassword: password, newPassword: NEW_PASSWORD });
    expect(done.statusCode).toBe(200);
    // The phone, the tablet and the sign-in just above.
    expect(done.json()).toMatchObject({ endedSessions: 3 });
    expect(done.json().message).toContain('signed out');
    const me = (s: { token: string; csrfToken: string }) =>
      app.inject({ url: `${API}/auth/me`, headers: headersOf(s) }).then((r) => r.statusCode);
    expect(await me(here)).toBe(200);
    expect(await me(phone)).toBe(401);
    expect(await me(tablet)).toBe(401);
    expect((await passwordSignIn(password)).statusCode).toBe(401);
    expect((await passwordSignIn(NEW_PASSWORD)).statusCode).toBe(200);
    const events = await deps.database.db.selectFrom('staff_security_events').select('kind').execute();
    expect(events.map((e) => e.kind)).toEqual(['password.changed']);
  });

  it('refuses a password change from an API token (it has no password)', async () => {
    const { app, deps } = await setUp();
    const { headers } = await apiToken(deps, 'admin');
    const res = await app.inject({
      method: 'POST',
      url: `${API}/auth/password`,
      payload: { currentPassword: 'x', newPassword: NEW_PASSWORD },
      headers,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SESSION_REQUIRED');
  });

  it('answers a reset request the same for any address, and mails only a staff member', async () => {
    const { app, deps, email } = await setUp();
    const ask = (address: string, from = '192.0.2.1') =>
      app.inject({
        method: 'POST',
        url: `${API}/auth/password-reset`,
        payload: { email: address },
        remoteAddress: from,
      });
    const known = await ask(' ADA@news.example ');
    const unknown = await ask('nobody@news.example');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(await mailTo(deps, 'nobody@news.example')).toHaveLength(0);
    const [mail] = await mailTo(deps, email);
    const link = linksIn(mail!).find((l) => l.includes('/newsroom/reset-password'));
    expect(link).toMatch(/^https:\/\/news\.example\/newsroom\/reset-password#token=[\w-]{43}$/);
    // Only the hash is stored.
    const token = link!.split('#token=')[1]!;
    const rows = await deps.database.db.selectFrom('staff_auth_tokens').selectAll().execute();
    expect(rows.map((r) => r.secret_hash)).toEqual([secretHash(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);

    // Per address: the fourth request in an hour is refused, whoever asks, known or not.
    await ask(email, '192.0.2.2');
    await ask(email, '192.0.2.3');
    const limited = await ask(email, '192.0.2.4');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    // Per requesting address: ten in an hour.
    for (let i = 0; i < 8; i++) expect((await ask(`someone${i}@example.com`)).statusCode).toBe(202);
    expect((await ask('one-more@example.com')).statusCode).toBe(429);
  });

  it('sets the password from the link once, ends every session, and refuses the link again or late', async () => {
    const { app, deps, clock, email, session, headersOf, passwordSignIn } = await setUp();
    // A second apart: outbox files sort by the time they were queued.
    const ask = () => {
      clock.advance(1000);
      return app.inject({ method: 'POST', url: `${API}/auth/password-reset`, payload: { email } });
    };
    const confirm = (token: string, password: string) =>
      app.inject({ method: 'POST', url: `${API}/auth/password-reset/confirm`, payload: { token, password } });
    const tokenFromMail = async () => {
      const mail = (await mailTo(deps, email)).at(-1)!;
      return linksIn(mail)
        .find((l) => l.includes('#token='))!
        .split('#token=')[1]!;
    };
    const open = await session();

    await ask();
    const token = await tokenFromMail();
    const bad = await confirm('not-a-token', NEW_PASSWORD);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'RESET_TOKEN_INVALID', details: { field: 'token' } });
    const short = await confirm(token, 'short');
    expect(short.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'password' } });

    const done = await confirm(token, NEW_PASSWORD);
    expect(done.statusCode).toBe(200);
    expect((await app.inject({ url: `${API}/auth/me`, headers: headersOf(open) })).statusCode).toBe(401);
    expect((await passwordSignIn(NEW_PASSWORD)).statusCode).toBe(200);
    // Single use: the same link again is refused, and changes nothing.
    const again = await confirm(token, 'an attacker’s choice of password');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('RESET_TOKEN_INVALID');
    expect((await passwordSignIn(NEW_PASSWORD)).statusCode).toBe(200);

    // A link older than 30 minutes is refused.
    await ask();
    const late = await tokenFromMail();
    clock.advance(31 * 60_000);
    expect((await confirm(late, 'yet another passphrase')).json().error.code).toBe('RESET_TOKEN_INVALID');
    // A newer link replaces an older one (an hour on, past the three requests an hour per address).
    clock.advance(30 * 60_000);
    await ask();
    const first = await tokenFromMail();
    await ask();
    const second = await tokenFromMail();
    expect((await confirm(first, 'yet another passphrase')).json().error.code).toBe('RESET_TOKEN_INVALID');
    expect((await confirm(second, 'yet another passphrase')).statusCode).toBe(200);
    const kinds = await deps.database.db.selectFrom('staff_security_events').select('kind').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['password.reset', 'password.reset']);
  });
});
