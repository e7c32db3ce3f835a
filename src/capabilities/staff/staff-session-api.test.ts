import { expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { secretHash } from '../../platform/secrets.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { createStaff } from './staff-service.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from './staff-session-service.js';

const API = '/api/admin/v1';
const PASSWORD = 'correct horse battery';
const DAY = 24 * 60 * 60_000;

function cookieValue(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!header) throw new Error('no session cookie was set');
  return header.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
}

describeEachDialect('staff sessions', (t) => {
  async function setUp(env: Record<string, string> = {}) {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock, env });
    await createStaff(deps.database.db, clock, {
      email: 'ada@news.example',
      name: 'Ada Desk',
      role: 'editor',
      password: PASSWORD,
    });
    const signIn = (
      payload: object,
      extra: { headers?: Record<string, string>; remoteAddress?: string } = {},
    ) => app.inject({ method: 'POST', url: `${API}/auth/sign-in`, payload, ...extra });
    return { app, deps, clock, signIn };
  }

  it('signs in with the right password: cookie flags, staff, CSRF token, a hashed session row', async () => {
    const { app, deps, signIn } = await setUp();
    const res = await signIn({ email: ' ADA@news.example ', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.staff).toMatchObject({ email: 'ada@news.example', name: 'Ada Desk', role: 'editor' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBe(new Date(Date.parse(TEST_NOW) + SESSION_IDLE_MS).toISOString());

    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain(`Max-Age=${SESSION_IDLE_MS / 1000}`);

    const token = cookieValue(res.headers['set-cookie']);
    const rows = await deps.database.db.selectFrom('staff_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(secretHash(token));
    expect(rows[0]!.id).not.toBe(token);
    expect(rows[0]!.user_agent).toBe('lightMyRequest');

    const me = await app.inject({ url: `${API}/auth/me`, headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      actor: { kind: 'staff', name: 'Ada Desk', role: 'editor', tokenId: null },
      staff: { email: 'ada@news.example' },
      csrfToken: body.csrfToken,
    });
  });

  it('leaves out Secure when the paper is served over plain http', async () => {
    const { signIn } = await setUp({ PUBLIC_URL: 'http://localhost:3000' });
    const res = await signIn({ email: 'ada@news.example', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toContain('Secure');
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly');
  });

  it('answers a wrong password and an unknown email the same way, and sets no cookie', async () => {
    const { signIn } = await setUp();
    const wrong = await signIn({ email: 'ada@news.example', password: 'not the password' });
    const unknown = await signIn({ email: 'nobody@news.example', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('SIGN_IN_FAILED');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const { requestId: _a, ...wrongError } = wrong.json().error;
    const { requestId: _b, ...unknownError } = unknown.json().error;
    expect(wrongError).toEqual(unknownError);
  });

  it('refuses bad sign-in bodies with the field named', async () => {
    const { signIn } = await setUp();
    const res = await signIn({ email: 'ada@news.example' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().error.details.problems[0].field).toBe('password');
  });

  it('does not let a disabled staff member sign in, even with the right password', async () => {
    const { deps, signIn } = await setUp();
    await deps.database.db
      .updateTable('staff')
      .set({ disabled_at: TEST_NOW })
      .where('email', '=', 'ada@news.example')
      .execute();
    const res = await signIn({ email: 'ada@news.example', password: PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SIGN_IN_FAILED');
  });

  it('rate-limits sign-in per address and email: 429 with Retry-After, free again after the window', async () => {
    const { clock, signIn } = await setUp();
    for (let i = 0; i < 10; i++) {
      const res = await signIn({ email: 'ada@news.example', password: `wrong guess ${i}` });
      expect(res.statusCode).toBe(401);
    }
    const limited = await signIn({ email: 'ada@news.example', password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBe('900');
    expect(limited.headers['set-cookie']).toBeUndefined();

    // The same email case-folded is the same account; another address is not held back.
    expect((await signIn({ email: 'ADA@news.example', password: PASSWORD })).statusCode).toBe(429);
    const elsewhere = await signIn(
      { email: 'ada@news.example', password: PASSWORD },
      { remoteAddress: '203.0.113.9' },
    );
    expect(elsewhere.statusCode).toBe(200);

    clock.advance(10 * 60_000);
    const later = await signIn({ email: 'ada@news.example', password: PASSWORD });
    expect(later.statusCode).toBe(429);
    expect(later.headers['retry-after']).toBe('300');
    clock.advance(5 * 60_000);
    expect((await signIn({ email: 'ada@news.example', password: PASSWORD })).statusCode).toBe(200);
  });

  it('rotates the session on sign-in: the cookie sent along stops working', async () => {
    const { app, signIn } = await setUp();
    const first = cookieValue(
      (await signIn({ email: 'ada@news.example', password: PASSWORD })).headers['set-cookie'],
    );
    const again = await signIn(
      { email: 'ada@news.example', password: PASSWORD },
      { headers: { cookie: `${SESSION_COOKIE}=${first}` } },
    );
    expect(again.statusCode).toBe(200);
    const second = cookieValue(again.headers['set-cookie']);
    expect(second).not.toBe(first);
    const old = await app.inject({
      url: `${API}/auth/me`,
      headers: { cookie: `${SESSION_COOKIE}=${first}` },
    });
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('AUTH_REQUIRED');
    const fresh = await app.inject({
      url: `${API}/auth/me`,
      headers: { cookie: `${SESSION_COOKIE}=${second}` },
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('needs an actor on every route but sign-in: 401 AUTH_REQUIRED, also for a made-up cookie', async () => {
    const { app } = await setUp();
    for (const headers of [{}, { cookie: `${SESSION_COOKIE}=made-up` }, { authorization: 'Bearer nope' }]) {
      const res = await app.inject({ url: `${API}/auth/me`, headers });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
    const list = await app.inject({ url: `${API}/staff` });
    expect(list.statusCode).toBe(401);
  });

  it('slides the expiry with use, ends an idle session, and ends any session at the absolute limit', async () => {
    const { app, deps, clock } = await setUp();
    const { headers } = await signedInAs(deps, 'editor');
    const me = () => app.inject({ url: `${API}/auth/me`, headers });

    clock.advance(SESSION_IDLE_MS - DAY);
    const used = await me();
    expect(used.statusCode).toBe(200);
    // The cookie is sent again with the new lifetime, since the browser would otherwise drop it.
    expect(String(used.headers['set-cookie'])).toContain(`Max-Age=${SESSION_IDLE_MS / 1000}`);
    clock.advance(SESSION_IDLE_MS - DAY);
    expect((await me()).statusCode).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1);
    const idle = await me();
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error.code).toBe('AUTH_REQUIRED');

    const busy = await signedInAs(deps, 'editor');
    for (let used = 0; used < SESSION_MAX_MS; used += 10 * DAY) {
      expect((await app.inject({ url: `${API}/auth/me`, headers: busy.headers })).statusCode).toBe(200);
      clock.advance(10 * DAY);
    }
    expect((await app.inject({ url: `${API}/auth/me`, headers: busy.headers })).statusCode).toBe(401);
  });

  it('touches last_seen_at at most once a minute', async () => {
    const { app, deps, clock } = await setUp();
    const { headers } = await signedInAs(deps, 'editor');
    const lastSeen = async () =>
      (await deps.database.db.selectFrom('staff_sessions').select('last_seen_at').executeTakeFirstOrThrow())
        .last_seen_at;
    clock.advance(30_000);
    await app.inject({ url: `${API}/auth/me`, headers });
    expect(await lastSeen()).toBe(TEST_NOW);
    clock.advance(30_000);
    await app.inject({ url: `${API}/auth/me`, headers });
    expect(await lastSeen()).toBe(clock.now().toISOString());
  });

  it('needs the CSRF token on cookie writes (missing or wrong: 403) and none with a bearer token', async () => {
    const { app, deps } = await setUp();
    const { headers } = await signedInAs(deps, 'admin');
    const payload = { name: 'Feed importer', role: 'admin' };
    const post = (h: Record<string, string>) =>
      app.inject({ method: 'POST', url: `${API}/tokens`, headers: h, payload });

    const missing = await post({ cookie: headers.cookie! });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const wrong = await post({ cookie: headers.cookie!, 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CSRF_FAILED');
    expect(await deps.database.db.selectFrom('api_tokens').selectAll().execute()).toHaveLength(0);

    // Reads need none.
    expect(
      (await app.inject({ url: `${API}/auth/me`, headers: { cookie: headers.cookie! } })).statusCode,
    ).toBe(200);
    const made = await post(headers);
    expect(made.statusCode).toBe(201);

    // The admin's token writes with no CSRF header at all.
    const tokenHeaders = { authorization: `Bearer ${made.json().token}` };
    const res = await app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: tokenHeaders,
      payload: { email: 'new@news.example', name: 'New Reporter', role: 'reporter', password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().staff).toMatchObject({ email: 'new@news.example', role: 'reporter' });
  });

  it('signs out: the session row is gone, the cookie cleared, and the cookie no longer works', async () => {
    const { app, deps } = await setUp();
    const { headers } = await signedInAs(deps, 'reporter');
    const noCsrf = await app.inject({
      method: 'POST',
      url: `${API}/auth/sign-out`,
      headers: { cookie: headers.cookie! },
    });
    expect(noCsrf.statusCode).toBe(403);
    const out = await app.inject({ method: 'POST', url: `${API}/auth/sign-out`, headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^masthead_staff=; Max-Age=0/);
    expect(await deps.database.db.selectFrom('staff_sessions').selectAll().execute()).toHaveLength(0);
    expect((await app.inject({ url: `${API}/auth/me`, headers })).statusCode).toBe(401);
  });
});
