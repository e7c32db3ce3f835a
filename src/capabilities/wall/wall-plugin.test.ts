import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { addReader, publishLegal } from '../../../test/support/consent-fixtures.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { jsonLdOf, meterCookieSet, publishArticles } from '../../../test/support/wall-fixtures.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { PAGE_CACHE_CONTROL, PRIVATE_PAGE_CACHE_CONTROL } from '../../platform/http/page-cache-plugin.js';
import { siteKeysFrom } from '../../platform/keys/index.js';
import { READER_COOKIE, startReaderSession } from '../accounts/index.js';
import { documentsForSignup, recordConsents } from '../consent/index.js';
import { updateSetting } from '../settings/index.js';
import { meterCookieFor } from './meter-cookie.js';

const PROMPT = '<h2 id="wall-heading">Sign in or create a free account</h2>';

describeEachDialect('the registration wall', (t) => {
  const clock = fixedClock(TEST_NOW);
  let app: FastifyInstance;
  let deps: Deps;

  beforeEach(async () => {
    clock.set(TEST_NOW);
    await updateSetting(t.database.db, clock, 'wall.free_articles_per_month', 2);
    ({ app, deps } = await buildTestApp(t.database, { clock }));
  });

  /** Through app.inject, or (after `listen()`) over a socket, where the front door answers hits. */
  let socketBase: string | null = null;
  afterEach(async () => {
    if (socketBase) await app.close();
    socketBase = null;
  });
  async function listen() {
    await app.listen({ port: 0, host: '127.0.0.1' });
    socketBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  const get = (url: string, cookie?: string, headers: Record<string, string> = {}) => {
    const all = { ...(cookie ? { cookie } : {}), ...headers };
    // Over the socket, the Host a browser at PUBLIC_URL sends (another host is redirected).
    const host = deps.config.publicUrl.host;
    return socketBase
      ? overSocket(`${socketBase}${url}`, { host, ...all })
      : app.inject({ url, headers: all });
  };
  /** A browser that has already opened `count` other metered articles this month. */
  const opened = (count: number) =>
    meterCookieFor(
      deps.keys,
      clock.now(),
      Array.from({ length: count }, (_, i) => `elsewhere-${i}`),
    );
  /** Settings changed as the admin API does, then applied to the page cache as after any commit. */
  async function changeSetting(key: string, value: string | number) {
    await t.database.db.transaction().execute((trx) => updateSetting(trx, clock, key, value));
    await deps.purges.sync();
  }

  it(
    'gives an anonymous reader N metered articles whole, then cuts; one already read stays whole',
    meterJourney,
  );
  it('counts and cuts the same when the front door answers the hits', async () => {
    await listen();
    await meterJourney();
  });
  async function meterJourney() {
    const [a, b, c] = await publishArticles(t.database.db, clock, ['metered', 'metered', 'metered']);
    const first = await get(a!.path);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(a!.restText);
    const setCookie = String(first.headers['set-cookie']);
    for (const flag of ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure', `Max-Age=${35 * 24 * 3600}`]) {
      expect(setCookie).toContain(flag);
    }
    let cookie = meterCookieSet(first);
    const second = await get(b!.path, cookie);
    expect(second.body).toContain(b!.restText);
    cookie = meterCookieSet(second);

    const third = await get(c!.path, cookie);
    expect(third.statusCode).toBe(200);
    expect(third.body).toContain(c!.openText);
    expect(third.body).not.toContain(c!.restText);
    expect(third.body).toContain(PROMPT);
    expect(meterCookieSet(third)).toBeUndefined();

    // Already counted: whole again, free of charge, from the cache.
    const again = await get(a!.path, cookie);
    expect(again.body).toContain(a!.restText);
    expect(again.headers['x-cache']).toBe('hit');
    expect(meterCookieSet(again)).toBeUndefined();
    const cutAgain = await get(c!.path, cookie);
    expect([cutAgain.headers['x-cache'], cutAgain.body]).toEqual(['hit', third.body]);
  }

  it('sends only the open paragraphs and the prompt past the limit, the same page for every such reader', async () => {
    const [metered, registration] = await publishArticles(t.database.db, clock, ['metered', 'registration']);
    const cut = await get(metered!.path, opened(2));
    const html = cut.body;
    expect(html).not.toContain(metered!.restText);
    expect(html).not.toContain('The last walled paragraph');
    expect(html).not.toContain('class="article-rest"');
    const ld = jsonLdOf(html);
    expect(ld).not.toHaveProperty('articleBody');
    expect(JSON.stringify(ld)).not.toContain('Walled');
    const back = encodeURIComponent(metered!.path);
    for (const part of [
      `<div class="article-body is-cut"><p>${metered!.openText}</p></div><section class="wall-prompt" aria-labelledby="wall-heading"><p class="wall-continues">The story continues</p>${PROMPT}`,
      'You have read 2 of 2 free articles this month. Your free articles start again on December 1. Create a free account to keep reading.',
      `<a class="button" href="/account/sign-up?return=${back}">Create a free account</a>`,
      `<a class="button button-secondary" href="/account/sign-in?return=${back}">Sign in</a>`,
      '<p class="consent-line">By continuing you agree to our <a href="/legal/privacy">Privacy Policy</a> and <a href="/legal/terms">Terms of Use</a>.</p>',
    ]) {
      expect(html).toContain(part);
    }
    // Another reader past the limit, one whose cookie was tampered with: the very same bytes.
    expect((await get(metered!.path, opened(3))).body).toBe(html);
    expect((await get(metered!.path, `${opened(0)}x`)).body).toBe(html);

    const walled = await get(registration!.path);
    expect(walled.body).not.toContain(registration!.restText);
    expect(walled.body).toContain('This article is for registered readers.');
    expect(walled.body).not.toContain('free articles this month');
  });

  it('says in the JSON-LD what the markup holds: a metered article is not free in either version', async () => {
    const [metered, free, registration] = await publishArticles(t.database.db, clock, [
      'metered',
      'free',
      'registration',
    ]);
    const full = (await get(metered!.path)).body;
    const cut = (await get(metered!.path, opened(2))).body;
    const walledPart = {
      '@type': 'WebPageElement',
      isAccessibleForFree: false,
      cssSelector: '.article-rest',
    };
    // The full version holds the walled part hasPart names; the cut one leaves exactly that part out.
    expect(full).toContain('<div class="article-rest">');
    expect(cut).not.toContain('class="article-rest"');
    for (const html of [full, cut, (await get(registration!.path)).body]) {
      expect(jsonLdOf(html)).toMatchObject({ isAccessibleForFree: false, hasPart: walledPart });
    }
    expect(jsonLdOf(cut)).toEqual(jsonLdOf(full));
    const freePage = (await get(free!.path, opened(2))).body;
    expect(freePage).toContain(free!.restText);
    expect(jsonLdOf(freePage).isAccessibleForFree).toBe(true);
    expect(jsonLdOf(freePage)).not.toHaveProperty('hasPart');
  });

  it('starts again each calendar month of the paper', async () => {
    const [a, b, c, d] = await publishArticles(t.database.db, clock, [
      'metered',
      'metered',
      'metered',
      'metered',
    ]);
    let cookie = meterCookieSet(await get(a!.path));
    cookie = meterCookieSet(await get(b!.path, cookie));
    expect((await get(c!.path, cookie)).body).not.toContain(c!.restText);
    await changeSetting('publication.timezone', 'America/New_York');
    // 03:00 UTC on 1 December is still November in New York: still cut.
    clock.set('2026-12-01T03:00:00.000Z');
    expect((await get(c!.path, cookie)).body).not.toContain(c!.restText);
    clock.set('2026-12-01T05:00:00.000Z');
    const december = await get(c!.path, cookie);
    expect(december.body).toContain(c!.restText);
    expect(meterCookieSet(december)).toMatch(/^masthead_meter=1\.202612\.1\./);
    // The prompt a reader past the limit gets says when the count starts again: last month's page
    // is not served in the new month.
    const pastLimit = (at: string) => meterCookieFor(deps.keys, new Date(at), ['x', 'y'], 'America/New_York');
    clock.set('2026-12-01T03:00:00.000Z');
    const november = await get(d!.path, pastLimit('2026-12-01T03:00:00.000Z'));
    expect(november.body).toContain('Your free articles start again on December 1.');
    clock.set('2026-12-31T12:00:00.000Z');
    const lateDecember = await get(d!.path, pastLimit('2026-12-31T12:00:00.000Z'));
    expect(lateDecember.body).toContain('You have read 2 of 2 free articles this month.');
    expect(lateDecember.body).toContain('Your free articles start again on January 1.');
    expect(lateDecember.body).not.toContain(d!.restText);
  });

  it('reads a tampered, foreign or malformed cookie as walled, never free, and replaces it with an exhausted one', async () => {
    const [a, b, free] = await publishArticles(t.database.db, clock, ['metered', 'metered', 'free']);
    const valid = meterCookieSet(await get(a!.path))!;
    const [name, value] = valid.split('=') as [string, string];
    const foreign = meterCookieFor(siteKeysFrom(randomBytes(32)), clock.now(), []);
    for (const bad of [`${name}=${value.replace('.1.', '.0.')}`, foreign, `${name}=garbage`]) {
      const res = await get(b!.path, bad);
      expect(res.body, bad).not.toContain(b!.restText);
      const replaced = meterCookieSet(res);
      expect(replaced).toMatch(/^masthead_meter=1\.202611\.x\.\./);
      // The exhausted cookie stays walled, even for the article the valid cookie had paid for.
      expect((await get(a!.path, replaced)).body).not.toContain(a!.restText);
      expect(meterCookieSet(await get(a!.path, replaced))).toBeUndefined();
      expect((await get(free!.path, bad)).body).toContain(free!.restText);
    }
  });

  it('never walls free articles and always walls registration ones for anonymous readers', async () => {
    const [free, registration] = await publishArticles(t.database.db, clock, ['free', 'registration']);
    for (const cookie of [undefined, opened(0), opened(5)]) {
      const freePage = await get(free!.path, cookie);
      expect(freePage.body).toContain(free!.restText);
      expect(freePage.body).not.toContain(PROMPT);
      expect(meterCookieSet(freePage)).toBeUndefined();
      const walled = await get(registration!.path, cookie);
      expect(walled.body).not.toContain(registration!.restText);
      expect(walled.body).toContain(PROMPT);
      // Registration-only articles do not use up the meter.
      expect(meterCookieSet(walled)).toBeUndefined();
    }
  });

  it('turns off with 0 free articles, and a settings change shows on the next request', async () => {
    const [a, b, registration] = await publishArticles(t.database.db, clock, [
      'metered',
      'metered',
      'registration',
    ]);
    expect((await get(registration!.path)).body).not.toContain(registration!.restText);
    expect((await get(b!.path, opened(2))).body).not.toContain(b!.restText);

    await changeSetting('wall.free_articles_per_month', 0);
    for (const article of [a!, b!, registration!]) {
      const res = await get(article.path, opened(2));
      expect(res.body).toContain(article.restText);
      expect(res.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
      expect(meterCookieSet(res)).toBeUndefined();
      expect(jsonLdOf(res.body).isAccessibleForFree).toBe(true);
    }

    await changeSetting('wall.free_articles_per_month', 1);
    const cut = await get(a!.path, opened(1));
    expect(cut.body).not.toContain(a!.restText);
    expect(cut.body).toContain('You have read 1 of 1 free article this month.');
  });

  it('keeps the versions out of shared caches, with ETag and 304 for each, and the surrogate keys', async () => {
    const [metered, free] = await publishArticles(t.database.db, clock, ['metered', 'free']);
    const full = await get(metered!.path);
    const cookie = meterCookieSet(full);
    const cut = await get(metered!.path, opened(2));
    for (const res of [full, cut]) {
      expect(res.headers['cache-control']).toBe(PRIVATE_PAGE_CACHE_CONTROL);
      expect(res.headers.vary).toBe('accept-encoding, cookie');
      expect(String(res.headers['surrogate-key']).split(' ')).toContain(`article:${metered!.id}`);
    }
    const fullTag = String(full.headers.etag);
    const cutTag = String(cut.headers.etag);
    expect(fullTag).not.toBe(cutTag);
    const notModified = await get(metered!.path, cookie, { 'if-none-match': fullTag });
    expect([notModified.statusCode, notModified.headers['x-cache']]).toEqual([304, 'hit']);
    expect((await get(metered!.path, opened(2), { 'if-none-match': cutTag })).statusCode).toBe(304);
    // The browser holds the full page but the reader is now past the limit: the cut page, whole.
    const changed = await get(metered!.path, opened(2), { 'if-none-match': fullTag });
    expect([changed.statusCode, changed.body]).toEqual([200, cut.body]);

    const freePage = await get(free!.path, opened(2));
    expect(freePage.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
    expect(freePage.headers.vary).toBe('accept-encoding');
    const freeTag = String(freePage.headers.etag);
    expect((await get(free!.path, undefined, { 'if-none-match': freeTag })).statusCode).toBe(304);
  });

  it('answers HEAD with the version a GET would get, without counting it', async () => {
    const [metered] = await publishArticles(t.database.db, clock, ['metered']);
    const head = await app.inject({ method: 'HEAD', url: metered!.path });
    expect(head.statusCode).toBe(200);
    expect(meterCookieSet(head)).toBeUndefined();
    const cached = await get(metered!.path);
    await app.inject({ method: 'HEAD', url: metered!.path, headers: { cookie: opened(2) } });
    expect(meterCookieSet(await app.inject({ method: 'HEAD', url: metered!.path }))).toBeUndefined();
    expect(meterCookieSet(cached)).toBeDefined();
  });

  /** A reader who signed up (accepting the legal documents in force) and is signed in. */
  async function signedInCookie(): Promise<string> {
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    await publishLegal(deps, 'privacy', { requiresAcceptance: true });
    const readerId = await addReader(deps, 'reader@example.org');
    const session = await inTransaction(t.database.db, async (trx) => {
      const documents = await documentsForSignup(trx, clock);
      await recordConsents(trx, deps, {
        readerId,
        email: 'reader@example.org',
        documents,
        method: 'signup',
        ip: '192.0.2.1',
      });
      return startReaderSession(trx, deps, {
        readerId,
        userAgent: 'vitest',
        ip: '192.0.2.1',
        previousToken: null,
      });
    });
    return `${READER_COOKIE}=${session.token}`;
  }

  it(
    'lets signed-in readers read everything, from the cache too, and asks first for a consent that is due',
    signedInJourney,
  );
  it('lets signed-in readers through and asks for consent the same when the front door answers', async () => {
    await listen();
    await signedInJourney();
  });
  async function signedInJourney() {
    const [metered, registration, later] = await publishArticles(t.database.db, clock, [
      'metered',
      'registration',
      'metered',
    ]);
    const session = await signedInCookie();
    // Anonymous readers first, so the cut versions are cached.
    expect((await get(registration!.path)).body).not.toContain(registration!.restText);
    expect((await get(metered!.path, opened(2))).body).not.toContain(metered!.restText);
    for (const article of [registration!, metered!]) {
      for (const cookie of [session, `${session}; ${opened(2)}`]) {
        const res = await get(article.path, cookie);
        expect(res.body).toContain(article.restText);
        expect(res.body).not.toContain(PROMPT);
        expect(res.headers['cache-control']).toBe(PRIVATE_PAGE_CACHE_CONTROL);
        expect(meterCookieSet(res)).toBeUndefined();
      }
      expect((await get(article.path, session)).headers['x-cache']).toBe('hit');
    }
    // A session that is not (or no longer) real is an anonymous reader.
    const stale = await get(registration!.path, `${READER_COOKIE}=not-a-session`);
    expect(stale.body).not.toContain(registration!.restText);

    // New Terms that need accepting: the reader is asked before reading on, cached page or not.
    clock.advance(60_000);
    await publishLegal(deps, 'terms', { requiresAcceptance: true });
    for (const article of [registration!, later!]) {
      const res = await get(article.path, session);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(
        `https://news.example/account/consent?return=${encodeURIComponent(article.path)}`,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).not.toContain(article.restText);
    }
    // Anonymous readers are not asked.
    expect((await get(later!.path)).statusCode).toBe(200);
  }
});

/** A GET over node:http, shaped like an inject response: status, headers (set-cookie as a list), body. */
function overSocket(url: string, headers: Record<string, string>) {
  return new Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on('error', reject);
    },
  );
}
