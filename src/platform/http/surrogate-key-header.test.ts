import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { freePort } from '../../../test/support/processes.js';
import { publishArticles } from '../../../test/support/wall-fixtures.js';
import { loadConfig } from '../../config.js';
import { fixedClock } from '../clock.js';

/**
 * The `Surrogate-Key` header is for a cache in front (Varnish reads it, then removes it). Without one, readers
 * would carry the keys on every answer (kilobytes of article ids on a front page) for nothing. The page
 * cache indexes the keys either way, so purges still find the pages.
 */
describe('SURROGATE_KEYS', () => {
  it('is sent only when an edge is named (EDGE_PURGE_URLS) or SURROGATE_KEYS asks for it', () => {
    const base = { MASTHEAD_DATA: '/tmp/unused', PUBLIC_URL: 'https://news.example' };
    const surrogate = (env: Record<string, string>) => {
      const loaded = loadConfig({ ...base, ...env });
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      return loaded.config.surrogateKeyHeader;
    };
    expect(surrogate({})).toBe(false);
    expect(surrogate({ EDGE_PURGE_URLS: 'http://127.0.0.1:6081/' })).toBe(true);
    expect(surrogate({ EDGE_PURGE_URLS: 'http://127.0.0.1:6081/', SURROGATE_KEYS: 'false' })).toBe(false);
    expect(surrogate({ SURROGATE_KEYS: 'true' })).toBe(true);
    const bad = loadConfig({ ...base, SURROGATE_KEYS: 'sometimes' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.problems.join('\n')).toContain('SURROGATE_KEYS');
  });
});

describeEachDialect('the Surrogate-Key header', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');
  const paths = (articlePath: string) => ['/', articlePath, '/feed.xml', '/sitemap.xml', '/search?q=story'];

  it('is not sent to readers without a cache in front, on a miss, a hit or a 304, and purges still work', async () => {
    const [article] = await publishArticles(t.database.db, clock, ['free']);
    const port = await freePort();
    const site = `http://127.0.0.1:${port}`;
    const { app, deps } = await buildTestApp(t.database, {
      clock,
      env: { PUBLIC_URL: site, SURROGATE_KEYS: '' },
    });
    await app.listen({ port, host: '127.0.0.1' });
    try {
      for (const path of paths(article!.path)) {
        const miss = await fetch(`${site}${path}`);
        expect(miss.status, path).toBe(200);
        expect(miss.headers.get('x-cache'), path).toBe('miss');
        expect(miss.headers.get('surrogate-key'), path).toBeNull();
        // A hit is answered by the front door, before Fastify.
        const hit = await fetch(`${site}${path}`, { headers: { 'accept-encoding': 'br' } });
        expect(hit.headers.get('x-cache'), path).toBe('hit');
        expect(hit.headers.get('surrogate-key'), path).toBeNull();
        const notModified = await fetch(`${site}${path}`, {
          headers: { 'if-none-match': hit.headers.get('etag')! },
        });
        expect(notModified.status, path).toBe(304);
        expect(notModified.headers.get('surrogate-key'), path).toBeNull();
      }
      // The cache still knows which pages show the article: purging its key drops its page and the home page.
      deps.pageCache.purge([`article:${article!.id}`]);
      expect((await fetch(`${site}${article!.path}`)).headers.get('x-cache')).toBe('miss');
      expect((await fetch(`${site}/`)).headers.get('x-cache')).toBe('miss');
      expect((await fetch(`${site}/sitemap.xml`)).headers.get('x-cache')).toBe('hit');
    } finally {
      await app.close();
    }
  });

  it('is sent on every page when asked for, miss and hit alike', async () => {
    const [article] = await publishArticles(t.database.db, clock, ['free']);
    const { app } = await buildTestApp(t.database, { clock, env: { SURROGATE_KEYS: 'true' } });
    for (const path of paths(article!.path)) {
      const miss = await app.inject(path);
      expect(miss.headers['x-cache'], path).toBe('miss');
      expect(String(miss.headers['surrogate-key']), path).toMatch(/^site( [a-z]+(:[\w-]+)?)*$/);
      const hit = await app.inject(path);
      expect(hit.headers['x-cache'], path).toBe('hit');
      expect(hit.headers['surrogate-key'], path).toBe(miss.headers['surrogate-key']);
    }
    await app.close();
  });
});
