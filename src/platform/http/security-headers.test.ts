import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { freePort } from '../../../test/support/processes.js';
import { publishArticles } from '../../../test/support/wall-fixtures.js';
import { samplePhoto } from '../../capabilities/media/index.js';
import { fixedClock } from '../clock.js';
import { contentSecurityPolicy, SECURITY_HEADERS } from './security-headers.js';

type Headers = Record<string, unknown>;
type FetchHeaders = globalThis.Headers;

/** `scriptByHash`: the article page, which allows its one inline script by hash and nothing else. */
function expectSecurityHeaders(headers: Headers, what: string, scriptByHash = false): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (name === 'content-security-policy' && scriptByHash) {
      const hash = /script-src ('sha256-[A-Za-z0-9+/]+=*')/.exec(String(headers[name]))?.[1];
      expect(hash, `${what}: a script hash`).toBeDefined();
      expect(headers[name], `${what}: ${name}`).toBe(contentSecurityPolicy(hash));
    } else expect(headers[name], `${what}: ${name}`).toBe(value);
  }
}

function plain(headers: FetchHeaders): Headers {
  const all: Headers = {};
  headers.forEach((value, name) => {
    all[name] = value;
  });
  return all;
}

/** Issue 12, F6: the security headers on every kind of response, through both doors. */
describeEachDialect('security headers', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');

  it('are on pages, error pages, API answers and errors, feeds, media and redirects', async () => {
    const [article] = await publishArticles(t.database.db, clock, ['free']);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const { headers: admin } = await signedInAs(deps, 'admin');
    const upload = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      headers: { ...admin, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 800, height: 500 }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const mediaFile = new URL(upload.json().variants[0].url, 'https://news.example').pathname;

    const wrongDate = article!.path.replace(/^\/\d{4}\/\d{2}\/\d{2}\//, '/2020/01/01/');
    const cases: [string, { url: string; headers?: Record<string, string> }, number][] = [
      ['page', { url: '/' }, 200],
      ['page from the cache', { url: '/' }, 200],
      ['article', { url: article!.path }, 200],
      ['404 page', { url: '/no/such/page' }, 404],
      ['a URL the router refuses', { url: `/${'x'.repeat(9000)}` }, 404],
      ['API JSON', { url: '/api/admin/v1/settings', headers: admin }, 200],
      ['API error', { url: '/api/admin/v1/settings' }, 401],
      ['API 404', { url: '/api/admin/v1/nothing', headers: admin }, 404],
      ['feed', { url: '/feed.xml' }, 200],
      ['JSON feed', { url: '/feed.json' }, 200],
      ['media file', { url: mediaFile }, 200],
      ['redirect', { url: wrongDate }, 301],
      ['health', { url: '/healthz' }, 200],
    ];
    for (const [what, request, status] of cases) {
      const res = await app.inject({ method: 'GET', ...request });
      expect(res.statusCode, what).toBe(status);
      expectSecurityHeaders(res.headers, what, what === 'article');
    }
    const post = await app.inject({ method: 'POST', url: '/account/sign-in', payload: {} });
    expect(post.statusCode).toBeGreaterThanOrEqual(400);
    // Account pages keep a stricter Referrer-Policy of their own (account-pages.tsx).
    expectSecurityHeaders(
      { ...post.headers, 'referrer-policy': SECURITY_HEADERS['referrer-policy'] },
      'form post',
    );
    expect(post.headers['referrer-policy']).toBe('same-origin');
  });

  it('are on cached pages the front door answers from memory, prepared once per page', async () => {
    const [article] = await publishArticles(t.database.db, clock, ['free']);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { app } = await buildTestApp(t.database, { clock, env: { PUBLIC_URL: base } });
    await app.listen({ port, host: '127.0.0.1' });
    try {
      for (const path of ['/', article!.path, '/feed.xml']) {
        const miss = await fetch(`${base}${path}`);
        expect(miss.headers.get('x-cache'), path).toBe('miss');
        const hit = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br' } });
        expect(hit.headers.get('x-cache'), path).toBe('hit');
        const isArticle = path === article!.path;
        expectSecurityHeaders(plain(hit.headers), `front door ${path}`, isArticle);
        const notModified = await fetch(`${base}${path}`, {
          headers: { 'if-none-match': hit.headers.get('etag')! },
        });
        expect(notModified.status).toBe(304);
        expectSecurityHeaders(plain(notModified.headers), `front door 304 ${path}`, isArticle);
      }
    } finally {
      await app.close();
    }
  });
});
