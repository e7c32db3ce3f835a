import { expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { appCode } from '../../../test/support/staff-security.js';
import { fixedClock } from '../../platform/clock.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { createStaff } from './staff-service.js';

const API = '/api/admin/v1';
const PASSWORD = 'two factor passphrase';

describeEachDialect('staff two-factor sign-in', (t) => {
  async function setUp() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: `${API}${url}`, payload, headers });
    const signIn = (email: string, password = PASSWORD) => post('/auth/sign-in', { email, password });
    const sessionHeaders = (res: {
      json(): { csrfToken: string };
      cookies: Array<{ name: string; value: string }>;
    }) => ({
      cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`,
      'x-csrf-token': res.json().csrfToken,
    });
    /** A staff member signed in over HTTP, with two-factor turned on; returns its secret and codes. */
    const enrolled = async (email: string, role: 'owner' | 'admin' | 'editor') => {
      await createStaff(deps.database.db, clock, { email, name: email, role, password: PASSWORD });
      const headers = sessionHeaders(await signIn(email));
      const enrol = await post('/auth/two-factor/enrol', {}, headers);
      const { secret } = enrol.json();
      clock.advance(30_000);
      const confirm = await post('/auth/two-factor/confirm', { code: appCode(deps, secret) }, headers);
      return { headers, secret, recoveryCodes: confirm.json().recoveryCodes as string[] };
    };
    return { app, deps, clock, post, signIn, sessionHeaders, enrolled };
  }

  it('enrols with a code, then asks for a code at sign-in; a code and a recovery code work once', async () => {
    const { app, deps, clock, post, signIn, sessionHeaders } = await setUp();
    const email = 'ada@news.example';
    await createStaff(deps.database.db, clock, { email, name: 'Ada', role: 'editor', password: PASSWORD });
    const headers = sessionHeaders(await signIn(email));

    const enrol = await post('/auth/two-factor/enrol', {}, headers);
    expect(enrol.statusCode).toBe(200);
    const { secret, uri } = enrol.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toContain(`secret=${secret}`);
    // Stored encrypted: the secret is nowhere in the row.
    const row = await deps.database.db.selectFrom('staff_two_factor').selectAll().executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(secret);
    expect(row.confirmed_at).toBeNull();
    // Not on until confirmed: sign-in is still one step.
    expect((await signIn(email)).statusCode).toBe(200);

    const wrong = await post('/auth/two-factor/confirm', { code: '000000' }, headers);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('CODE_INVALID');
    const confirm = await post('/auth/two-factor/confirm', { code: appCode(deps, secret) }, headers);
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await deps.database.db.selectFrom('staff_recovery_codes').select('code_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace(/-/g, ''));
    expect((await post('/auth/two-factor/enrol', {}, headers)).json().error.code).toBe(
      'TWO_FACTOR_ALREADY_ON',
    );
    expect((await app.inject({ url: `${API}/auth/two-factor`, headers })).json()).toEqual({
      enabled: true,
      pending: false,
      recoveryCodesLeft: 10,
      required: false,
    });

    // Sign-in is now two steps; the first gives no session.
    const first = await signIn(email);
    expect(first.statusCode).toBe(202);
    expect(first.json().next).toBe('two-factor');
    expect(first.cookies.map((c) => c.name)).not.toContain(SESSION_COOKIE);
    const challenge = first.json().challenge;
    // The code used to confirm is spent (replay within its window).
    const replay = await post('/auth/sign-in/verify', { challenge, code: appCode(deps, secret) });
    expect(replay.json().error.code).toBe('CODE_INVALID');
    expect(
      (await post('/auth/sign-in/verify', { challenge: 'made-up', code: '123456' })).json().error.code,
    ).toBe('CHALLENGE_INVALID');
    clock.advance(30_000);
    const code = appCode(deps, secret);
    const done = await post('/auth/sign-in/verify', { challenge, code });
    expect(done.statusCode).toBe(200);
    expect(done.json().staff.email).toBe(email);
    // The same code in another sign-in, within its window: refused.
    const other = await signIn(email);
    expect(
      (await post('/auth/sign-in/verify', { challenge: other.json().challenge, code })).json().error.code,
    ).toBe('CODE_INVALID');
    // A recovery code works once (typed with spaces and capitals, as people do).
    const typed = codes[0]!.toUpperCase().replace(/-/g, ' ');
    expect(
      (await post('/auth/sign-in/verify', { challenge: other.json().challenge, code: typed })).statusCode,
    ).toBe(200);
    const third = await signIn(email);
    expect(
      (await post('/auth/sign-in/verify', { challenge: third.json().challenge, code: codes[0]! })).statusCode,
    ).toBe(401);

    // Regenerated codes replace the old ones.
    clock.advance(30_000);
    const fresh = await post('/auth/two-factor/recovery-codes', { code: appCode(deps, secret) }, headers);
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    expect(
      (await post('/auth/sign-in/verify', { challenge: third.json().challenge, code: codes[1]! })).statusCode,
    ).toBe(401);

    // A challenge dies after five minutes.
    const fourth = await signIn(email);
    clock.advance(6 * 60_000);
    expect(
      (
        await post('/auth/sign-in/verify', {
          challenge: fourth.json().challenge,
          code: appCode(deps, secret),
        })
      ).json().error.code,
    ).toBe('CHALLENGE_INVALID');

    // Disable needs the password and a code.
    const badPassword = await post(
      '/auth/two-factor/disable',
      { password: 'nope', code: appCode(deps, secret) },
      headers,
    );
    expect(badPassword.json().error.code).toBe('PASSWORD_WRONG');
    const off = await post(
      '/auth/two-factor/disable',
      { password: PASSWORD, code: appCode(deps, secret) },
      headers,
    );
    expect(off.statusCode).toBe(200);
    expect((await signIn(email)).statusCode).toBe(200);
    const kinds = await deps.database.db
      .selectFrom('staff_security_events')
      .select('kind')
      .orderBy('id')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual([
      'two-factor.enabled',
      'two-factor.recovery-codes',
      'two-factor.disabled',
    ]);
  });

  it('lets an owner require two-factor: others sign in only to enrol; an admin can reset, recorded', async () => {
    const { app, deps, clock, post, signIn, enrolled } = await setUp();
    const admin = await signedInAs(deps, 'admin');
    const editorEmail = 'ed@news.example';
    await createStaff(deps.database.db, clock, {
      email: editorEmail,
      name: 'Ed',
      role: 'editor',
      password: PASSWORD,
    });
    const editorSession = await signIn(editorEmail);
    const put = (headers: Record<string, string>, twoFactorRequired: boolean) =>
      app.inject({ method: 'PUT', url: `${API}/two-factor-policy`, payload: { twoFactorRequired }, headers });

    expect((await put(admin.headers, true)).json().error.code).toBe('FORBIDDEN');
    const bareOwner = await signedInAs(deps, 'owner');
    expect((await put(bareOwner.headers, true)).json().error.code).toBe('TWO_FACTOR_NEEDED_FIRST');
    const owner = await enrolled('owner@news.example', 'owner');
    const resetter = await enrolled('admin2@news.example', 'admin');
    expect((await put(owner.headers, true)).statusCode).toBe(200);

    // Sessions without two-factor ended; the owner's own stays.
    const me = (headers: Record<string, string>) =>
      app.inject({ url: `${API}/auth/me`, headers }).then((r) => r.statusCode);
    expect(await me(owner.headers)).toBe(200);
    expect(await me(admin.headers)).toBe(401);
    expect(
      await me({
        cookie: `${SESSION_COOKIE}=${editorSession.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`,
      }),
    ).toBe(401);

    // The editor signs in: only enrolment is open, with a challenge, not a session.
    const step = await signIn(editorEmail);
    expect(step.statusCode).toBe(202);
    expect(step.json().next).toBe('enrol');
    const challenge = step.json().challenge;
    expect((await post('/auth/sign-in/verify', { challenge, code: '123456' })).json().error.code).toBe(
      'CHALLENGE_INVALID',
    );
    const enrol = await post('/auth/two-factor/enrol', { challenge });
    expect(enrol.statusCode).toBe(200);
    const done = await post('/auth/two-factor/confirm', {
      challenge,
      code: appCode(deps, enrol.json().secret),
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().recoveryCodes).toHaveLength(10);
    expect(done.json().signedIn.staff.email).toBe(editorEmail);
    expect((await post('/auth/two-factor/enrol', { challenge })).json().error.code).toBe('CHALLENGE_INVALID');
    // Turning it off is refused while it is required.
    const editorHeaders = {
      cookie: `${SESSION_COOKIE}=${done.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`,
      'x-csrf-token': done.json().signedIn.csrfToken,
    };
    clock.advance(30_000);
    const off = await post(
      '/auth/two-factor/disable',
      { password: PASSWORD, code: appCode(deps, enrol.json().secret) },
      editorHeaders,
    );
    expect(off.json().error.code).toBe('TWO_FACTOR_REQUIRED');

    // An admin (with two-factor) resets the editor's; an admin cannot reset an owner's.
    const editor = await deps.database.db
      .selectFrom('staff')
      .select('id')
      .where('email', '=', editorEmail)
      .executeTakeFirstOrThrow();
    const ownerRow = await deps.database.db
      .selectFrom('staff')
      .select('id')
      .where('email', '=', 'owner@news.example')
      .executeTakeFirstOrThrow();
    const reset = (id: string) =>
      app.inject({ method: 'DELETE', url: `${API}/staff/${id}/two-factor`, headers: resetter.headers });
    expect((await reset(ownerRow.id)).json().error.code).toBe('FORBIDDEN');
    expect((await reset(editor.id)).statusCode).toBe(204);
    expect((await signIn(editorEmail)).json().next).toBe('enrol');
    const event = await deps.database.db
      .selectFrom('staff_security_events')
      .selectAll()
      .where('staff_id', '=', editor.id)
      .where('kind', '=', 'two-factor.reset')
      .executeTakeFirstOrThrow();
    expect(event.actor_name).toBe('admin2@news.example');
  });
});
