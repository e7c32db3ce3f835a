import { expect, it } from 'vitest';
import {
  errorCode,
  fixedClock,
  lastMailTo,
  outbox,
  pathOf,
  publishLegal,
  signedUpReader,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { codeIn, linksIn } from '../../../test/support/smtp.js';

const MINUTE = 60_000;
const RETURN = '/2026/11/15/a-story?ref=wall';

describeEachDialect('reader sign-in', (t) => {
  async function setup() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    await publishLegal(deps);
    const browser = new TestBrowser(app, clock);
    const fresh = (ip = '198.51.100.1') => new TestBrowser(app, clock, ip);
    return { app, deps, clock, browser, fresh };
  }
  const neutral = (body: string) => body.replace(/name="started" value="[^"]*"/g, '');

  it('answers a wrong password and an unknown address alike (401 SIGN_IN_FAILED)', async () => {
    const { deps, browser, fresh } = await setup();
    await signedUpReader(browser, deps, 'known@example.com', 'the right password');
    const stranger = fresh();
    const wrong = await stranger.submit('/account/sign-in', '/account/sign-in', {
      email: 'known@example.com',
      password: 'the wrong password',
    });
    const unknown = await stranger.submit('/account/sign-in', '/account/sign-in', {
      email: 'known@example.com'.replace('known', 'nobody'),
      password: 'the wrong password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorCode(wrong.body)).toBe('SIGN_IN_FAILED');
    expect(neutral(wrong.body).replaceAll('known@', 'X@')).toBe(
      neutral(unknown.body).replaceAll('nobody@', 'X@'),
    );
    expect(stranger.cookies.has('masthead_reader')).toBe(false);

    const missing = await stranger.submit('/account/sign-in', '/account/sign-in', {
      email: 'known@example.com',
    });
    expect(missing.statusCode).toBe(400);
    expect(errorCode(missing.body)).toBe('PASSWORD_MISSING');
  });

  it('mails a sign-in link and code; the page is the same for an address with no account', async () => {
    const { deps, browser, fresh } = await setup();
    await signedUpReader(browser, deps, 'reader@example.com');
    const stranger = fresh();
    const known = await stranger.submit(
      `/account/sign-in?return=${encodeURIComponent(RETURN)}`,
      '/account/sign-in/link',
      {
        email: 'reader@example.com',
      },
    );
    const unknown = await stranger.submit(
      `/account/sign-in?return=${encodeURIComponent(RETURN)}`,
      '/account/sign-in/link',
      {
        email: 'stranger@example.com',
      },
    );
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(neutral(known.body).replaceAll('reader@', 'X@')).toBe(
      neutral(unknown.body).replaceAll('stranger@', 'X@'),
    );

    const none = await lastMailTo(deps, 'stranger@example.com');
    expect(none.subject).toContain('No account');
    expect(linksIn(none).some((l) => l.includes('/account/sign-up?return='))).toBe(true);

    const mail = await lastMailTo(deps, 'reader@example.com');
    expect(mail.subject).toContain('Sign in');
    const link = linksIn(mail).find((l) => l.includes('/account/link?'))!;
    expect(new URL(link).searchParams.get('return')).toBe(RETURN);
    const landing = await stranger.get(pathOf(link));
    const signedIn = await stranger.send(landing.body, '/account/link', {});
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe(RETURN);

    // Single use: the same link, again, from another browser.
    const third = fresh('198.51.100.3');
    const reused = await third.get(pathOf(link));
    expect(reused.statusCode).toBe(400);
    expect(errorCode(reused.body)).toBe('LINK_INVALID');
  });

  it('kills a code after a few wrong tries, and when it is old', async () => {
    const { deps, browser, clock, fresh } = await setup();
    await signedUpReader(browser, deps, 'codes@example.com');
    const other = fresh();
    const asked = await other.submit('/account/sign-in', '/account/sign-in/link', {
      email: 'codes@example.com',
    });
    const code = codeIn(await lastMailTo(deps, 'codes@example.com'))!;
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const wrong = await other.send(asked.body, '/account/code', {
        email: 'codes@example.com',
        code: wrongCode,
      });
      expect(wrong.statusCode).toBe(401);
      expect(errorCode(wrong.body)).toBe('CODE_INVALID');
    }
    const dead = await other.send(asked.body, '/account/code', { email: 'codes@example.com', code });
    expect(dead.statusCode).toBe(401);
    expect(errorCode(dead.body)).toBe('CODE_INVALID');

    // A new code works until 15 minutes have passed.
    const again = await other.submit('/account/sign-in', '/account/sign-in/link', {
      email: 'codes@example.com',
    });
    const newCode = codeIn(await lastMailTo(deps, 'codes@example.com'))!;
    clock.advance(16 * MINUTE);
    const late = await other.send(again.body, '/account/code', { email: 'codes@example.com', code: newCode });
    expect(late.statusCode).toBe(401);

    const malformed = await other.send(again.body, '/account/code', {
      email: 'codes@example.com',
      code: '12ab',
    });
    expect(malformed.statusCode).toBe(400);
    expect(errorCode(malformed.body)).toBe('CODE_MALFORMED');
    // An address with no account gets the same answer as a wrong code.
    const nobody = await other.send(again.body, '/account/code', {
      email: 'nobody@example.com',
      code: '123456',
    });
    expect(nobody.statusCode).toBe(401);
    expect(errorCode(nobody.body)).toBe('CODE_INVALID');
  });

  it('lets only the newest link work, and no link past its time', async () => {
    const { deps, browser, clock, fresh } = await setup();
    await signedUpReader(browser, deps, 'links@example.com');
    const other = fresh();
    await other.submit('/account/sign-in', '/account/sign-in/link', { email: 'links@example.com' });
    const first = linksIn(await lastMailTo(deps, 'links@example.com')).find((l) =>
      l.includes('/account/link?'),
    )!;
    await other.submit('/account/sign-in', '/account/sign-in/link', { email: 'links@example.com' });
    const second = linksIn(await lastMailTo(deps, 'links@example.com')).find((l) =>
      l.includes('/account/link?'),
    )!;
    expect(second).not.toBe(first);
    expect((await other.get(pathOf(first))).statusCode).toBe(400);
    const landing = await other.get(pathOf(second));
    expect(landing.statusCode).toBe(200);
    clock.advance(16 * MINUTE);
    const late = await other.send(landing.body, '/account/link', {});
    expect(late.statusCode).toBe(400);
    expect(errorCode(late.body)).toBe('LINK_INVALID');
    expect(other.cookies.has('masthead_reader')).toBe(false);
  });

  it('resets a forgotten password: same page for unknown addresses, the link works once, other devices signed out', async () => {
    const { deps, browser, fresh, app } = await setup();
    await signedUpReader(browser, deps, 'forgot@example.com', 'the old password');
    const stranger = fresh();
    const known = await stranger.submit('/account/forgot', '/account/forgot', {
      email: 'forgot@example.com',
    });
    const unknown = await stranger.submit('/account/forgot', '/account/forgot', {
      email: 'nobody@example.com',
    });
    expect(known.statusCode).toBe(200);
    expect(neutral(known.body).replaceAll('forgot@', 'X@')).toBe(
      neutral(unknown.body).replaceAll('nobody@', 'X@'),
    );
    expect((await lastMailTo(deps, 'nobody@example.com')).subject).toContain('No account');

    const link = linksIn(await lastMailTo(deps, 'forgot@example.com')).find((l) =>
      l.includes('/account/reset?'),
    )!;
    const form = await stranger.get(pathOf(link));
    expect(form.statusCode).toBe(200);
    const short = await stranger.send(form.body, '/account/reset', { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(errorCode(short.body)).toBe('PASSWORD_TOO_SHORT');
    const done = await stranger.send(form.body, '/account/reset', { password: 'a brand new password' });
    expect(done.statusCode).toBe(303);
    expect(stranger.cookies.has('masthead_reader')).toBe(true);

    // The browser signed in before the reset is out; the old password no longer works, the new one does.
    expect((await browser.get('/account')).statusCode).toBe(303);
    const old = await fresh('198.51.100.8').submit('/account/sign-in', '/account/sign-in', {
      email: 'forgot@example.com',
      password: 'the old password',
    });
    expect(old.statusCode).toBe(401);
    const renewed = await fresh('198.51.100.9').submit('/account/sign-in', '/account/sign-in', {
      email: 'forgot@example.com',
      password: 'a brand new password',
    });
    expect(renewed.statusCode).toBe(303);

    const reused = await new TestBrowser(app, stranger.clock).get(pathOf(link));
    expect(reused.statusCode).toBe(400);
    expect(errorCode(reused.body)).toBe('LINK_INVALID');
    expect((await outbox(deps)).length).toBeGreaterThan(0);
  });

  it('sends a confirmation again with the password chosen at sign-up still waiting', async () => {
    const { deps, browser } = await setup();
    const sent = await browser.submit('/account/sign-up', '/account/sign-up', {
      email: 'slow@example.com',
      password: 'chosen at sign-up',
    });
    const resent = await browser.send(sent.body, '/account/resend', { email: 'slow@example.com' });
    expect(resent.statusCode).toBe(200);
    const mail = await lastMailTo(deps, 'slow@example.com');
    expect(mail.subject).toContain('Confirm your email address');
    const done = await browser.send(resent.body, '/account/code', {
      email: 'slow@example.com',
      code: codeIn(mail)!,
    });
    expect(done.statusCode).toBe(303);
    const reader = await t.database.db.selectFrom('readers').selectAll().executeTakeFirstOrThrow();
    expect(reader.password_hash).toMatch(/^\$argon2id\$/);
  });
});
