import { expect, it } from 'vitest';
import {
  errorCode,
  fixedClock,
  formIn,
  lastMailTo,
  pathOf,
  publishLegal,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addressesOf, codeIn, linksIn, startSmtpPeer } from '../../../test/support/smtp.js';
import { buildWorker } from '../../worker.js';

const RETURN = '/2026/11/15/alliance-chief-visits';
const quiet = { info() {}, warn() {}, error() {} };

describeEachDialect('reader sign-up', (t) => {
  async function setup(env: Record<string, string> = {}) {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock, env });
    await publishLegal(deps);
    return { app, deps, clock, browser: new TestBrowser(app, clock) };
  }

  it('signs up with a password: consent recorded with the reader, mail over SMTP, link confirms and signs in', async () => {
    const peer = await startSmtpPeer();
    try {
      const { app, deps, clock, browser } = await setup({ SMTP_URL: peer.url });
      const page = await browser.get(`/account/sign-up?return=${encodeURIComponent(RETURN)}`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain(
        'By continuing you agree to our <a href="/legal/privacy">Privacy Policy</a> and <a href="/legal/terms">Terms of Use</a>.',
      );
      expect(formIn(page.body, '/account/sign-up')).toContain(`name="return" value="${RETURN}"`);

      const sent = await browser.send(page.body, '/account/sign-up', {
        email: 'Ada@Example.com',
        display_name: 'Ada',
        password: 'correct horse battery',
      });
      expect(sent.statusCode).toBe(200);
      expect(sent.body).toContain('Check your inbox');
      expect(browser.cookies.has('masthead_reader')).toBe(false);

      const { db } = t.database;
      const reader = await db.selectFrom('readers').selectAll().executeTakeFirstOrThrow();
      expect(reader).toMatchObject({
        email: 'Ada@Example.com',
        email_normalized: 'ada@example.com',
        display_name: 'Ada',
        email_verified_at: null,
        // The password waits in the confirmation token until the address is confirmed.
        password_hash: null,
      });
      const consents = await db
        .selectFrom('consents')
        .select(['reader_id', 'kind', 'version', 'method', 'subject_hash', 'ip_hash'])
        .orderBy('kind')
        .execute();
      expect(consents).toHaveLength(2);
      expect(consents.map((c) => [c.kind, Number(c.version), c.method, c.reader_id])).toEqual([
        ['privacy', 1, 'signup', reader.id],
        ['terms', 1, 'signup', reader.id],
      ]);
      expect(JSON.stringify(consents)).not.toContain('203.0.113.7');

      await buildWorker(deps, quiet).runDue();
      const mail = await peer.waitFor((m) =>
        addressesOf(m).some((a) => a.toLowerCase() === 'ada@example.com'),
      );
      expect(mail.subject).toContain('Confirm your email address');
      expect(mail.html).toContain('Confirm my address');
      expect(codeIn(mail)).toMatch(/^\d{6}$/);
      const link = linksIn(mail).find((l) => l.includes('/account/link?'));
      expect(link).toBeDefined();
      expect(new URL(link!).searchParams.get('return')).toBe(RETURN);

      // Following the link only shows a button (mail scanners follow links); the button signs in.
      const landing = await browser.get(pathOf(link!));
      expect(landing.statusCode).toBe(200);
      const signedIn = await browser.send(landing.body, '/account/link', {});
      expect(signedIn.statusCode).toBe(303);
      expect(signedIn.headers.location).toBe(RETURN);
      const cookie = browser.lastSetCookie.find((c) => c.startsWith('masthead_reader='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/SameSite=Lax/);

      const confirmed = await db.selectFrom('readers').selectAll().executeTakeFirstOrThrow();
      expect(confirmed.email_verified_at).not.toBeNull();
      expect(confirmed.password_hash).toMatch(/^\$argon2id\$/);
      const account = await browser.get('/account');
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('Ada@Example.com');

      // The password now works from another browser, with the address typed in another case.
      const other = new TestBrowser(app, clock, '198.51.100.4');
      const byPassword = await other.submit('/account/sign-in', '/account/sign-in', {
        email: 'ADA@example.COM',
        password: 'correct horse battery',
      });
      expect(byPassword.statusCode).toBe(303);
      expect(other.cookies.has('masthead_reader')).toBe(true);
    } finally {
      await peer.close();
    }
  });

  it('signs up without a password and signs in with the mailed code (read over SMTP)', async () => {
    const peer = await startSmtpPeer();
    try {
      const { deps, browser } = await setup({ SMTP_URL: peer.url });
      const sent = await browser.submit(
        `/account/sign-up?return=${encodeURIComponent(RETURN)}`,
        '/account/sign-up',
        {
          email: 'grace@example.com',
        },
      );
      expect(sent.statusCode).toBe(200);
      await buildWorker(deps, quiet).runDue();
      const mail = await peer.waitFor((m) => addressesOf(m).includes('grace@example.com'));
      const code = codeIn(mail)!;

      const done = await browser.send(sent.body, '/account/code', { email: 'grace@example.com', code });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(RETURN);
      const reader = await t.database.db.selectFrom('readers').selectAll().executeTakeFirstOrThrow();
      expect(reader.email_verified_at).not.toBeNull();
      expect(reader.password_hash).toBeNull();

      // The code was spent: a second browser cannot use it again.
      const other = new TestBrowser(browser.app, browser.clock, '198.51.100.9');
      const again = await other.submit('/account/code?email=grace%40example.com', '/account/code', {
        email: 'grace@example.com',
        code,
      });
      expect(again.statusCode).toBe(401);
      expect(errorCode(again.body)).toBe('CODE_INVALID');
    } finally {
      await peer.close();
    }
  });

  it('answers a sign-up for a taken address exactly as for a new one; the mail says what happened', async () => {
    const { deps, browser, app, clock } = await setup();
    // An existing, confirmed reader.
    await browser.submit('/account/sign-up', '/account/sign-up', { email: 'taken@example.com' });
    const confirm = await lastMailTo(deps, 'taken@example.com');
    const link = linksIn(confirm).find((l) => l.includes('/account/link?'))!;
    await browser.send((await browser.get(pathOf(link))).body, '/account/link', {});

    const stranger = new TestBrowser(app, clock, '198.51.100.20');
    const forTaken = await stranger.submit('/account/sign-up', '/account/sign-up', {
      email: 'taken@example.com',
      password: 'another password here',
    });
    const forNew = await stranger.submit('/account/sign-up', '/account/sign-up', {
      email: 'fresh@example.com',
      password: 'another password here',
    });
    expect(forTaken.statusCode).toBe(forNew.statusCode);
    const neutral = (body: string, email: string) =>
      body.replaceAll(email, 'EMAIL').replace(/name="started" value="[^"]*"/g, '');
    expect(neutral(forTaken.body, 'taken@example.com')).toBe(neutral(forNew.body, 'fresh@example.com'));

    const told = await lastMailTo(deps, 'taken@example.com');
    expect(told.subject).toContain('You already have an account');
    expect(linksIn(told).some((l) => l.includes('/account/link?'))).toBe(true);
    expect(linksIn(told).some((l) => l.includes('/account/forgot'))).toBe(true);
    // The stranger's password did not reach the account.
    const reader = await t.database.db
      .selectFrom('readers')
      .selectAll()
      .where('email_normalized', '=', 'taken@example.com')
      .executeTakeFirstOrThrow();
    expect(reader.password_hash).toBeNull();
    expect(await t.database.db.selectFrom('readers').select('id').execute()).toHaveLength(2);
  });

  it('erases a sign-up left unconfirmed for a week; its consent proof stays, unlinked', async () => {
    const { browser, clock } = await setup();
    await browser.submit('/account/sign-up', '/account/sign-up', { email: 'never@example.com' });
    clock.advance(8 * 24 * 60 * 60 * 1000);
    await browser.submit('/account/sign-up', '/account/sign-up', { email: 'later@example.com' });
    const { db } = t.database;
    const left = await db.selectFrom('readers').select('email').execute();
    expect(left).toEqual([{ email: 'later@example.com' }]);
    expect(await db.selectFrom('reader_tokens').select('id').execute()).toHaveLength(1);
    const consents = await db.selectFrom('consents').select('reader_id').execute();
    expect(consents).toHaveLength(4);
    expect(consents.filter((c) => c.reader_id === null)).toHaveLength(2);
  });

  it('refuses bad input next to the field, keeping what was typed', async () => {
    const { browser } = await setup();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ email: '' }, 'EMAIL_MISSING', 'email'],
      [{ email: 'not-an-address' }, 'EMAIL_INVALID', 'email'],
      [{ email: 'ok@example.com', password: 'short' }, 'PASSWORD_TOO_SHORT', 'password'],
      [{ email: 'ok@example.com', password: 'x'.repeat(257) }, 'PASSWORD_TOO_LONG', 'password'],
      [{ email: 'ok@example.com', display_name: 'x'.repeat(81) }, 'DISPLAY_NAME_INVALID', 'display_name'],
    ];
    for (const [fields, code, field] of cases) {
      const response = await browser.submit('/account/sign-up', '/account/sign-up', fields);
      expect(response.statusCode, code).toBe(400);
      expect(errorCode(response.body)).toBe(code);
      expect(response.body).toContain(
        `aria-describedby="${field === 'email' ? '' : `${field}-hint `}${field}-error"`,
      );
      expect(response.body).toContain(`href="#${field}"`);
      expect(response.body).toMatch(/class="form-error" role="alert" tabindex="-1" autofocus/);
    }
    const kept = await browser.submit('/account/sign-up', '/account/sign-up', {
      email: 'bad@',
      display_name: 'Ada',
    });
    expect(kept.body).toContain('value="bad@"');
    expect(kept.body).toContain('value="Ada"');
    expect(await t.database.db.selectFrom('readers').select('id').execute()).toHaveLength(0);
  });

  it('refuses a form without its token, or posted from another site (403 FORM_EXPIRED)', async () => {
    const { app, browser } = await setup();
    const page = await browser.get('/account/sign-up');
    const noToken = await browser.post(
      '/account/sign-up',
      { email: 'a@example.com' },
      { accept: 'application/json' },
    );
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('FORM_EXPIRED');

    const fromElsewhere = await app.inject({
      method: 'POST',
      url: '/account/sign-up',
      payload: new URLSearchParams({
        email: 'a@example.com',
        csrf: /name="csrf" value="([^"]+)"/.exec(page.body)![1]!,
      }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: browser.cookieHeader(),
        origin: 'https://evil.example',
        accept: 'application/json',
      },
    });
    expect(fromElsewhere.statusCode).toBe(403);
    expect(fromElsewhere.json().error.code).toBe('FORM_WRONG_ADDRESS');

    // Another browser's token does not fit this browser's cookie.
    const other = new TestBrowser(app, browser.clock);
    await other.get('/account/sign-up');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const stolen = await other.post(
      '/account/sign-up',
      { email: 'a@example.com', csrf },
      { accept: 'application/json' },
    );
    expect(stolen.statusCode).toBe(403);

    const html = await browser.post('/account/sign-up', { email: 'a@example.com' });
    expect(html.statusCode).toBe(403);
    expect(html.body).toContain('Go back, reload the page and try again.');
  });
});
