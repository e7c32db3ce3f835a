import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../clock.js';
import { surrogateKeys } from './cache-keys.js';
import { chooseEncoding, PageCache } from './page-cache.js';
import { pageCachePlugin } from './page-cache-plugin.js';
import { PurgeFollower, queuePurge } from './purge-log.js';

async function appWithCache(cache: PageCache) {
  let renders = 0;
  const app = Fastify({ logger: false });
  await app.register(pageCachePlugin, { cache });
  app.get('/articles/:id', { config: { pageCache: true } }, async (request, reply) => {
    renders++;
    const { id } = request.params as { id: string };
    if (id === 'missing') return reply.code(404).send('gone');
    surrogateKeys(reply, [`article:${id}`, 'home']);
    return reply
      .type('text/html; charset=utf-8')
      .send(`<h1>Article ${id} render ${renders}</h1>${'x'.repeat(2000)}`);
  });
  app.get('/private', async () => 'never cached');
  return { app, renders: () => renders };
}

describe('page cache', () => {
  it('renders once, then serves the stored page with ETag, 304 and the encodings browsers accept', async () => {
    const cache = new PageCache();
    const { app, renders } = await appWithCache(cache);
    const first = await app.inject('/articles/a');
    expect(first.headers['x-cache']).toBe('miss');
    expect(first.headers['surrogate-key']).toBe('site article:a home');
    expect(first.headers['cache-control']).toMatch(/stale-while-revalidate/);
    const second = await app.inject('/articles/a');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(renders()).toBe(1);

    const etag = String(first.headers.etag);
    const notModified = await app.inject({ url: '/articles/a', headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');

    const br = await app.inject({ url: '/articles/a', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
    const gz = await app.inject({ url: '/articles/a', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(gz.rawPayload.length).toBeLessThan(first.rawPayload.length / 5);
  });

  it('purges exactly the pages that carry a key, and never stores errors or unmarked routes', async () => {
    const cache = new PageCache();
    const { app, renders } = await appWithCache(cache);
    await app.inject('/articles/a');
    await app.inject('/articles/b');
    expect(cache.purge(['article:a'])).toBe(1);
    expect((await app.inject('/articles/b')).headers['x-cache']).toBe('hit');
    expect((await app.inject('/articles/a')).headers['x-cache']).toBe('miss');
    expect(cache.purge(['home'])).toBe(2);
    expect(cache.size).toBe(0);
    await app.inject('/articles/missing');
    await app.inject('/private');
    expect(cache.size).toBe(0);
    expect(renders()).toBe(4);
  });

  it('keeps at most maxEntries pages, dropping the least recently used', () => {
    const cache = new PageCache({ maxEntries: 2 });
    cache.store('/a', 'a', 'text/html', ['k']);
    cache.store('/b', 'b', 'text/html', ['k']);
    cache.get('/a');
    cache.store('/c', 'c', 'text/html', ['k']);
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')).toBeDefined();
    expect(cache.purge(['k'])).toBe(2);
  });

  it('reads Accept-Encoding with q-values', () => {
    expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('br')).toBe('br');
  });
});

describeEachDialect('purge log', (t) => {
  it('applies a purge only once its transaction has committed, and only once', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const cache = new PageCache();
    const follower = new PurgeFollower(t.database.db, clock, cache);
    cache.store('/a', 'a', 'text/html', ['article:a']);
    cache.store('/b', 'b', 'text/html', ['article:b']);

    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await queuePurge(trx, clock, ['article:a']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await follower.sync();
    expect(cache.get('/a')).toBeDefined();

    await t.database.db.transaction().execute((trx) => queuePurge(trx, clock, ['article:a']));
    await follower.sync();
    expect(cache.get('/a')).toBeUndefined();
    // Stored again after the purge: a second sync must not purge it again.
    cache.store('/a', 'a2', 'text/html', ['article:a']);
    clock.advance(1000);
    await follower.sync();
    expect(cache.get('/a')).toBeDefined();
    expect(cache.get('/b')).toBeDefined();
  });
});
