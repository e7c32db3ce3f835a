import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  fixedClock,
  formIn,
  hiddenFields,
  lastMailTo,
  pathOf,
  publishLegal,
  signedUpReader,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { linksIn } from '../../../test/support/smtp.js';
import type { Deps } from '../../deps.js';
import { safeReturnPath } from './account.js';
import { READER_COOKIE, signedInReader } from './index.js';

describeEachDialect('reader sessions', (t) => {
  async function setup(env: Record<string, string> = {}) {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock, env });
    await publishLegal(deps);
    return { app, deps, clock, browser: new TestBrowser(app, clock) };
  }
  const sessionRows = () => t.database.db.selectFrom('reader_sessions').selectAll().execute();

  it('rotates the session at every sign-in and keeps only the token hash', async () => {
    const { deps, browser } = await setup();
    await signedUpReader(browser, deps, 'rotate@example.com', 'a good password');
    const first = browser.cookies.get(READER_COOKIE)!;
    // Signing in again on the same device (with a mailed link asked for elsewhere) replaces the session.
    await new TestBrowser(browser.app, browser.clock, '198.51.100.77').submit(
      '/account/sign-in',
      '/account/sign-in/link',
      {
        email: 'rotate@example.com',
      },
    );
    const link = linksIn(await lastMailTo(deps, 'rotate@example.com')).find((l) =>
      l.includes('/account/link?'),
    )!;
    const again = await browser.send((await browser.get(pathOf(link))).body, '/account/link', {});
    expect(again.statusCode).toBe(303);
    const second = browser.cookies.get(READER_COOKIE)!;
    expect(second).not.toBe(first);
    const rows = await sessionRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(second);
    expect(rows[0]!.ip_hash).not.toContain('203.0.113');

    const withOld = new TestBrowser(browser.app, browser.clock);
    withOld.cookies.set(READER_COOKIE, first);
    expect((await withOld.get('/account')).statusCode).toBe(303);
  });

  it('signs out this device, one other device, and everywhere', async () => {
    const { app, deps, clock, browser } = await setup();
    await signedUpReader(browser, deps, 'many@example.com', 'a good password');
    const devices = [
      new TestBrowser(app, clock, '198.51.100.1'),
      new TestBrowser(app, clock, '198.51.100.2'),
    ];
    for (const device of devices) {
      const done = await device.submit('/account/sign-in', '/account/sign-in', {
        email: 'many@example.com',
        password: 'a good password',
      });
      expect(done.statusCode).toBe(303);
    }
    expect(await sessionRows()).toHaveLength(3);

    // End the first device's session from the account page of the main browser.
    const page = await browser.get('/account');
    const firstId = (await sessionRows()).find(
      (s) => s.created_at !== undefined && s.ip_hash === deps.keys.mac('address-hash', '198.51.100.1'),
    )!.id;
    expect(page.body).toContain(`name="session" value="${firstId}"`);
    const ended = await browser.post('/account/sessions/end', {
      csrf: hiddenFields(page.body).csrf,
      session: firstId,
    });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/account?saved=session');
    expect((await devices[0]!.get('/account')).statusCode).toBe(303);
    expect((await devices[1]!.get('/account')).statusCode).toBe(200);

    // Another reader's session id cannot be ended from here.
    const stranger = new TestBrowser(app, clock, '198.51.100.50');
    await signedUpReader(stranger, deps, 'stranger@example.com');
    const mine = (await sessionRows()).length;
    const strangerPage = await stranger.get('/account');
    const main = (await sessionRows()).find(
      (s) => s.ip_hash === deps.keys.mac('address-hash', '198.51.100.2'),
    )!;
    await stranger.post('/account/sessions/end', {
      csrf: hiddenFields(strangerPage.body).csrf,
      session: main.id,
    });
    expect(await sessionRows()).toHaveLength(mine);

    // Sign out everywhere.
    const everywhere = await browser.send(page.body, '/account/sign-out-everywhere', {});
    expect(everywhere.statusCode).toBe(200);
    expect(everywhere.body).toContain('signed out everywhere');
    expect(browser.cookies.has(READER_COOKIE)).toBe(false);
    expect((await devices[1]!.get('/account')).statusCode).toBe(303);
    const left = await t.database.db
      .selectFrom('reader_sessions as s')
      .innerJoin('readers as r', 'r.id', 's.reader_id')
      .select('r.email')
      .execute();
    expect(left).toEqual([{ email: 'stranger@example.com' }]);
  });

  it('signs out with the button, back to the page the reader was on', async () => {
    const { deps, browser } = await setup();
    await signedUpReader(browser, deps, 'out@example.com');
    const page = await browser.get('/account');
    const out = await browser.post('/account/sign-out', {
      csrf: hiddenFields(formIn(page.body, '/account/sign-out')).csrf,
      return: '/2026/11/15/x',
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/2026/11/15/x');
    expect(browser.cookies.has(READER_COOKIE)).toBe(false);
    expect(await sessionRows()).toHaveLength(0);
  });

  it('sends a signed-out reader to sign in and back; account pages are never cached', async () => {
    const { browser } = await setup();
    const account = await browser.get('/account');
    expect(account.statusCode).toBe(303);
    expect(account.headers.location).toBe('/account/sign-in?return=%2Faccount');
    expect(account.headers['cache-control']).toBe('no-store');
    const signIn = await browser.get('/account/sign-in?return=%2Faccount');
    expect(signIn.headers['cache-control']).toBe('no-store');
    expect(signIn.headers['referrer-policy']).toBe('same-origin');
    expect(signIn.body).toContain('name="return" value="/account"');
    const open = await browser.get('/account/sign-in?return=https%3A%2F%2Fevil.example%2F');
    expect(open.body).toContain('name="return" value="/"');
  });

  it('finds no reader without a cookie, without touching the database', async () => {
    const { deps } = await setup();
    const untouchable = new Proxy(
      {},
      {
        get() {
          throw new Error('the database was touched');
        },
      },
    );
    const cut = { ...deps, database: { ...deps.database, db: untouchable } } as unknown as Deps;
    const request = { cookies: {} } as unknown as FastifyRequest;
    expect(await signedInReader(cut, request)).toBeNull();
  });

  it('leaves Secure off the cookie when the paper is served over plain http', async () => {
    const { deps, browser } = await setup({ PUBLIC_URL: 'http://localhost:3000' });
    await browser.get('/account/sign-up');
    const formCookie = browser.lastSetCookie.find((c) => c.startsWith('masthead_form='));
    expect(formCookie).toMatch(/HttpOnly/);
    expect(formCookie).toMatch(/SameSite=Lax/);
    expect(formCookie).not.toMatch(/Secure/);
    await signedUpReader(browser, deps, 'local@example.com');
    const sessionCookie = browser.lastSetCookie.find((c) => c.startsWith(`${READER_COOKIE}=`));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).not.toMatch(/Secure/);
  });
});

describe('safeReturnPath', () => {
  it('keeps paths on this site and turns everything else into /', () => {
    expect(safeReturnPath('/2026/11/15/story?x=1#top')).toBe('/2026/11/15/story?x=1#top');
    expect(safeReturnPath('/account')).toBe('/account');
    for (const bad of [
      undefined,
      42,
      '',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '\\\\evil.example',
      '/\tevil',
      'javascript:alert(1)',
      `/${'a'.repeat(1000)}`,
      '/%2F%2Fevil.example',
    ]) {
      const path = safeReturnPath(bad);
      expect(path.startsWith('/') && !path.startsWith('//'), String(bad)).toBe(true);
      expect(new URL(path, 'https://news.example').origin).toBe('https://news.example');
    }
  });
});
