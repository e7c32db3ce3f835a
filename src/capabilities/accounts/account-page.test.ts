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
import { linksIn } from '../../../test/support/smtp.js';
import { READER_COOKIE } from './index.js';

describeEachDialect('the account page', (t) => {
  async function setup() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    await publishLegal(deps);
    const browser = new TestBrowser(app, clock);
    return { app, deps, clock, browser };
  }
  const readerRow = () => t.database.db.selectFrom('readers').selectAll().executeTakeFirstOrThrow();

  it('saves the name, refusing one too long next to its field', async () => {
    const { deps, browser } = await setup();
    await signedUpReader(browser, deps, 'name@example.com');
    const saved = await browser.submit('/account', '/account/profile', { display_name: '  Ada   Lovelace ' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?saved=profile');
    expect((await readerRow()).display_name).toBe('Ada Lovelace');
    const page = await browser.get('/account?saved=profile');
    expect(page.body).toContain('role="status">Your name is saved.');
    expect(page.body).toContain('value="Ada Lovelace"');

    const long = await browser.submit('/account', '/account/profile', { display_name: 'x'.repeat(81) });
    expect(long.statusCode).toBe(400);
    expect(errorCode(long.body)).toBe('DISPLAY_NAME_INVALID');
    expect(long.body).toContain('aria-describedby="display_name-error"');
    expect((await readerRow()).display_name).toBe('Ada Lovelace');
  });

  it('keeps newsletter choices, refusing lists that do not exist', async () => {
    const { deps, browser } = await setup();
    await signedUpReader(browser, deps, 'lists@example.com');
    const two = await browser.submit('/account', '/account/newsletters', {
      newsletters: ['weekend', 'daily-briefing'],
    });
    expect(two.statusCode).toBe(303);
    expect(JSON.parse((await readerRow()).newsletters)).toEqual(['daily-briefing', 'weekend']);
    const page = await browser.get('/account');
    expect(page.body).toMatch(/id="list-weekend" name="newsletters" value="weekend" checked/);
    expect(page.body).not.toMatch(/value="breaking-news" checked/);

    const unknown = await browser.submit('/account', '/account/newsletters', {
      newsletters: ['daily-briefing', 'spam'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorCode(unknown.body)).toBe('NEWSLETTER_UNKNOWN');
    const none = await browser.submit('/account', '/account/newsletters', {});
    expect(none.statusCode).toBe(303);
    expect(JSON.parse((await readerRow()).newsletters)).toEqual([]);
  });

  it('changes the address once the new one confirms; the old one is told', async () => {
    const { app, deps, clock, browser } = await setup();
    await signedUpReader(browser, deps, 'old@example.com', 'my password here');
    const wrongPassword = await browser.submit('/account', '/account/email', {
      new_email: 'new@example.com',
      password: 'not it at all',
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(errorCode(wrongPassword.body)).toBe('PASSWORD_WRONG');
    expect(wrongPassword.body).toContain('href="#email-password"');
    const same = await browser.submit('/account', '/account/email', {
      new_email: 'OLD@example.com',
      password: 'my password here',
    });
    expect(errorCode(same.body)).toBe('EMAIL_UNCHANGED');
    const throwaway = await browser.submit('/account', '/account/email', {
      new_email: 'x@mailinator.com',
      password: 'my password here',
    });
    expect(errorCode(throwaway.body)).toBe('EMAIL_DISPOSABLE');

    const asked = await browser.submit('/account', '/account/email', {
      new_email: 'new@example.com',
      password: 'my password here',
    });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/account?saved=email');
    expect((await readerRow()).email).toBe('old@example.com');
    expect((await lastMailTo(deps, 'old@example.com')).text).toContain('new@example.com');
    const link = linksIn(await lastMailTo(deps, 'new@example.com')).find((l) =>
      l.includes('/account/email/confirm?'),
    )!;

    // Opened in another browser (the new address's mail program), no sign-in needed.
    const elsewhere = new TestBrowser(app, clock, '198.51.100.5');
    const landing = await elsewhere.get(pathOf(link));
    expect(landing.statusCode).toBe(200);
    const done = await elsewhere.send(landing.body, '/account/email/confirm', {});
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Your address has changed');
    const row = await readerRow();
    expect(row.email).toBe('new@example.com');
    expect(row.email_normalized).toBe('new@example.com');
    expect((await lastMailTo(deps, 'old@example.com')).subject).toContain('has changed');
    expect((await elsewhere.get(pathOf(link))).statusCode).toBe(400);
  });

  it('says nothing on screen when the new address already has an account; that address is told by mail', async () => {
    const { app, deps, clock, browser } = await setup();
    await signedUpReader(new TestBrowser(app, clock, '198.51.100.6'), deps, 'someone@example.com');
    await signedUpReader(browser, deps, 'mover@example.com');
    const asked = await browser.submit('/account', '/account/email', { new_email: 'someone@example.com' });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/account?saved=email');
    const told = await lastMailTo(deps, 'someone@example.com');
    expect(told.text).toContain('already have an account');
    expect(linksIn(told).some((l) => l.includes('/account/email/confirm'))).toBe(false);
  });

  it('refuses a change of address when another account took the address before it was confirmed (409)', async () => {
    const { app, deps, clock, browser } = await setup();
    await signedUpReader(browser, deps, 'first@example.com');
    await browser.submit('/account', '/account/email', { new_email: 'wanted@example.com' });
    const link = linksIn(await lastMailTo(deps, 'wanted@example.com')).find((l) =>
      l.includes('/account/email/confirm?'),
    )!;
    await signedUpReader(new TestBrowser(app, clock, '198.51.100.7'), deps, 'wanted@example.com');
    const landing = await browser.get(pathOf(link));
    const refused = await browser.send(landing.body, '/account/email/confirm', {});
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused.body)).toBe('EMAIL_TAKEN');
  });

  it('downloads everything kept as a JSON attachment', async () => {
    const { deps, browser } = await setup();
    const { id } = await signedUpReader(browser, deps, 'export@example.com');
    await browser.submit('/account', '/account/profile', { display_name: 'Exporter' });
    await browser.submit('/account', '/account/newsletters', { newsletters: 'breaking-news' });
    const response = await browser.get('/account/data');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="my-data-\d{4}-\d\d-\d\d\.json"$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    expect(data.profile).toMatchObject({
      id,
      email: 'export@example.com',
      displayName: 'Exporter',
      hasPassword: false,
    });
    expect(data.profile.emailVerifiedAt).not.toBeNull();
    expect(data.newsletters).toEqual(['breaking-news']);
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0]).toMatchObject({ current: true });
    expect(
      data.consents
        .map((c: { kind: string; version: number; method: string }) => [c.kind, c.version, c.method])
        .sort(),
    ).toEqual([
      ['privacy', 1, 'signup'],
      ['terms', 1, 'signup'],
    ]);
    expect(JSON.stringify(data)).not.toMatch(/token_hash|secret|password_hash|\$argon2/);
    expect((await new TestBrowser(browser.app, browser.clock).get('/account/data')).statusCode).toBe(303);
  });

  it('deletes the account after confirmation: no personal data left, the consent proof kept by hash', async () => {
    const { deps, browser } = await setup();
    const { id } = await signedUpReader(browser, deps, 'leaving@example.com', 'a password to forget');
    await browser.submit('/account', '/account/profile', { display_name: 'Leaving Soon' });
    // A mailed link still waiting: its token is personal data too.
    await new TestBrowser(browser.app, browser.clock, '198.51.100.12').submit(
      '/account/sign-in',
      '/account/sign-in/link',
      {
        email: 'leaving@example.com',
      },
    );
    await outbox(deps);
    expect(await t.database.db.selectFrom('reader_tokens').selectAll().execute()).not.toEqual([]);

    const unconfirmed = await browser.submit('/account/delete', '/account/delete', {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(errorCode(unconfirmed.body)).toBe('CONFIRM_MISSING');
    expect(unconfirmed.body).toContain('aria-describedby="confirm-error"');

    // A mail still waiting in the queue (a second device asked for a sign-in link) must not go out.
    await new TestBrowser(browser.app, browser.clock, '198.51.100.9').submit(
      '/account/sign-in',
      '/account/sign-in/link',
      { email: 'leaving@example.com' },
    );
    const queued = () =>
      t.database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', 'mail.send')
        .where('status', '=', 'queued')
        .execute();
    expect(await queued()).toHaveLength(1);
    const deleted = await browser.submit('/account/delete', '/account/delete', { confirm: 'yes' });
    expect(await queued()).toEqual([]);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toContain('Your account is deleted');
    expect(browser.cookies.has(READER_COOKIE)).toBe(false);

    const { db } = t.database;
    expect(await db.selectFrom('readers').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('reader_sessions').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('reader_tokens').selectAll().execute()).toEqual([]);
    const consents = await db.selectFrom('consents').selectAll().execute();
    expect(consents).toHaveLength(2);
    for (const consent of consents) {
      expect(consent.reader_id).toBeNull();
      expect(consent.subject_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const kept = JSON.stringify(consents);
    expect(kept).not.toContain('leaving@example.com');
    expect(kept).not.toContain(id);
    // Sent mail keeps no address in the job queue either (the mailer blanks a job once it is sent).
    await outbox(deps);
    expect(JSON.stringify(await db.selectFrom('jobs').selectAll().execute())).not.toContain(
      'leaving@example.com',
    );
    expect((await browser.get('/account')).statusCode).toBe(303);
  });

  it('sends a reader with a new version to accept to the consent prompt after sign-in, keeping the way back', async () => {
    const { app, deps, clock, browser } = await setup();
    await signedUpReader(browser, deps, 'agree@example.com', 'a fine password');
    clock.advance(60_000);
    await publishLegal(deps, { requiresAcceptance: true });
    const device = new TestBrowser(app, clock, '198.51.100.11');
    const signedIn = await device.submit(
      '/account/sign-in?return=%2F2026%2F11%2F15%2Fstory',
      '/account/sign-in',
      {
        email: 'agree@example.com',
        password: 'a fine password',
      },
    );
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/account/consent?return=%2F2026%2F11%2F15%2Fstory');
  });
});
