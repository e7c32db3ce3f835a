import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { addReader, publishLegal } from '../../../test/support/consent-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { consentHistory, documentsForSignup, pendingConsents, recordConsents } from '../consent/index.js';
import { READER_COOKIE } from './index.js';
import { startReaderSession } from './reader-session.js';

const DAY = 86_400_000;
const ARTICLE = '/2026/11/16/a-story?ref=home';

describeEachDialect('re-consent prompt', (t) => {
  async function setup() {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const { app, deps } = await buildTestApp(t.database, { clock });
    const db = deps.database.db;
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'reader@example.org');
    await inTransaction(db, async (trx) =>
      recordConsents(trx, deps, {
        readerId,
        email: 'reader@example.org',
        documents: await documentsForSignup(trx, clock),
        method: 'signup',
        ip: '192.0.2.1',
      }),
    );
    const session = await inTransaction(db, (trx) =>
      startReaderSession(trx, deps, { readerId, userAgent: 'vitest', ip: '192.0.2.1', previousToken: null }),
    );
    const cookie = `${READER_COOKIE}=${session.token}`;
    const page = (query = `?return=${encodeURIComponent(ARTICLE)}`) =>
      app.inject({ url: `/account/consent${query}`, headers: { cookie } });
    const accept = (form: Record<string, string>, headers: Record<string, string> = { cookie }) =>
      app.inject({
        method: 'POST',
        url: '/account/consent',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });
    return { app, deps, clock, db, readerId, cookie, page, accept };
  }

  const field = (html: string, name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';

  it('sends signed-out readers to sign in, and back here afterwards', async () => {
    const { app } = await setup();
    const res = await app.inject({ url: `/account/consent?return=${encodeURIComponent(ARTICLE)}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(
      `/account/sign-in?return=${encodeURIComponent(`/account/consent?return=${encodeURIComponent(ARTICLE)}`)}`,
    );
  });

  it('sends readers with nothing to accept straight back, to a same-site path only', async () => {
    const { page } = await setup();
    const res = await page();
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(ARTICLE);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const unsafe of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const away = await page(`?return=${encodeURIComponent(unsafe)}`);
      expect(away.headers.location).toBe('/');
    }
  });

  it('shows what changed, records a re-consent for exactly those versions, and returns the reader', async () => {
    const { deps, clock, db, readerId, page, accept } = await setup();
    clock.advance(DAY);
    await publishLegal(deps, 'terms', {
      requiresAcceptance: true,
      summaryOfChanges: 'We now <b>share</b> less.',
    });
    clock.advance(DAY);
    const terms3 = await publishLegal(deps, 'terms', {
      requiresAcceptance: false,
      summaryOfChanges: 'Typos.',
    });

    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('<h1>We have updated our Terms of Use</h1>');
    expect(html).toContain('Version 2: We now &lt;b>share&lt;/b> less.');
    expect(html).toContain('Version 3: Typos.');
    expect(html).toContain('href="/legal/terms/v/3"');
    expect(html).toContain('Accept and continue');
    expect(html).toContain('action="/account/sign-out"');
    expect(html.match(/name="return" value="([^"]*)"/g)).toHaveLength(2);
    expect(html).toContain('You cannot go on reading signed in without accepting.');
    expect(html).not.toContain('Privacy Policy, version');
    expect(field(html, 'documents')).toBe(terms3.id);
    expect(field(html, 'return')).toBe(ARTICLE);

    const missingToken = await accept({ return: ARTICLE, documents: terms3.id });
    expect(missingToken.statusCode).toBe(403);
    expect(await pendingConsents(db, clock, readerId)).toHaveLength(1);

    clock.advance(60_000);
    const done = await accept({
      csrf: field(html, 'csrf'),
      return: field(html, 'return'),
      documents: terms3.id,
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(ARTICLE);
    expect(await pendingConsents(db, clock, readerId)).toEqual([]);
    const [latest] = await consentHistory(db, readerId);
    expect(latest).toEqual({
      documentId: terms3.id,
      kind: 'terms',
      version: 3,
      title: 'Terms of Use',
      acceptedAt: '2026-11-18T09:01:00.000Z',
      method: 'reconsent',
    });
    const row = await db
      .selectFrom('consents')
      .select('ip_hash')
      .where('method', '=', 'reconsent')
      .executeTakeFirstOrThrow();
    expect(row.ip_hash).toBe(deps.keys.mac('address-hash', '127.0.0.1'));

    // Submitting again (a double click) records nothing more.
    const again = await accept({ csrf: field(html, 'csrf'), return: ARTICLE, documents: terms3.id });
    expect(again.statusCode).toBe(303);
    expect(await consentHistory(db, readerId)).toHaveLength(3);
  });

  it('records nothing when a newer version appeared after the page was shown, and shows it', async () => {
    const { deps, clock, db, readerId, page, accept } = await setup();
    clock.advance(DAY);
    const terms2 = await publishLegal(deps, 'terms', { requiresAcceptance: true });
    const html = (await page()).body;
    const privacy2 = await publishLegal(deps, 'privacy', {
      requiresAcceptance: true,
      summaryOfChanges: 'Cookies.',
    });
    const res = await accept({ csrf: field(html, 'csrf'), return: ARTICLE, documents: terms2.id });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A newer version was published while this page was open');
    expect(res.body).toContain('Privacy Policy, version 2');
    expect(field(res.body, 'documents')).toBe(`${terms2.id},${privacy2.id}`);
    expect(await consentHistory(db, readerId)).toHaveLength(2);
  });

  it('refuses a post from another site', async () => {
    const { cookie, clock, deps, page, accept } = await setup();
    clock.advance(DAY);
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    const html = (await page()).body;
    const res = await accept(
      { csrf: field(html, 'csrf'), return: ARTICLE, documents: field(html, 'documents') },
      { cookie, origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
  });
});
