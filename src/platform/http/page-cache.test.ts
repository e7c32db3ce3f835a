import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../clock.js';
import { surrogateKeys } from './cache-keys.js';
import { chooseEncoding, isVaried, PageCache } from './page-cache.js';
import {
  PAGE_CACHE_CONTROL,
  PRIVATE_PAGE_CACHE_CONTROL,
  pageCachePlugin,
  type VariantChoice,
} from './page-cache-plugin.js';
import { createRedisPurgeChannel, purgeChannelName } from './purge-channel.js';
import { PurgeFollower, queuePurge } from './purge-log.js';

async function appWithCache(cache: PageCache, slowMs = 0) {
  let renders = 0;
  const app = Fastify({ logger: false });
  await app.register(pageCachePlugin, { cache });
  app.get('/articles/:id', { config: { pageCache: true } }, async (request, reply) => {
    renders++;
    if (slowMs) await new Promise((resolve) => setTimeout(resolve, slowMs));
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
  it('serves a page until it is older than maxAgeMs by the injected clock, then renders it again', async () => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const cache = new PageCache({ maxAgeMs: 60_000, clock });
    const { app, renders } = await appWithCache(cache);
    expect((await app.inject('/articles/a')).headers['x-cache']).toBe('miss');
    clock.advance(60_000);
    expect((await app.inject('/articles/a')).headers['x-cache']).toBe('hit');
    expect(cache.get('/articles/a')).toBeDefined();
    clock.advance(1);
    expect(cache.get('/articles/a')).toBeUndefined();
    expect(cache.has('/articles/a')).toBe(false);
    expect((await app.inject('/articles/a')).headers['x-cache']).toBe('miss');
    expect(renders()).toBe(2);
  });

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

  it('keeps at most maxBytes of pages, dropping the least recently used, and says so in its stats', () => {
    const page = 'p'.repeat(10_000);
    // Room for two pages of 10 KB with their bookkeeping, not three.
    const cache = new PageCache({ maxBytes: 25_000 });
    cache.store('/a', page, 'text/html', ['k']);
    cache.store('/b', page, 'text/html', ['k']);
    cache.get('/a');
    cache.store('/c', page, 'text/html', ['k']);
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')).toBeDefined();
    const stats = cache.stats();
    expect(stats).toMatchObject({ entries: 2, maxBytes: 25_000, hits: 2, misses: 3, evictions: 1 });
    expect(stats.hitRatio).toBeCloseTo(2 / 5);
    expect(stats.bytes).toBeGreaterThan(20_000);
    expect(stats.bytes).toBeLessThanOrEqual(25_000);
    expect(cache.purge(['k'])).toBe(2);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, evictions: 1 });
  });

  it('counts a compressed copy once it is made, evicting for it, and forgets what a replaced page weighed', () => {
    // Text that compresses little, so each copy weighs about as much as the page.
    const noise = (seed: number) =>
      Array.from({ length: 2500 }, (_, i) => ((i * 7919 + seed * 104729) % 65521).toString(36)).join('');
    const cache = new PageCache({ maxBytes: 27_000 });
    const a = cache.store('/a', noise(1), 'text/html', ['a']);
    cache.store('/b', noise(2), 'text/html', ['b']);
    const before = cache.stats().bytes;
    expect(a.br.length).toBeGreaterThan(3000);
    expect(cache.stats().bytes).toBe(before + a.br.length);
    // The gzip copy of /b tips the cache over its budget: /a, the least recently used, goes.
    (cache.get('/b') as { gzip: Buffer }).gzip;
    expect(cache.has('/a')).toBe(false);
    expect(cache.stats().evictions).toBe(1);
    const only = cache.stats().bytes;
    // A copy made of a page no longer stored does not count.
    void a.gzip;
    expect(cache.stats().bytes).toBe(only);
    // Storing the URL again replaces its page's weight instead of adding to it.
    cache.store('/b', 'small', 'text/html', ['b']);
    expect(cache.stats().bytes).toBeLessThan(2000);
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('holds each body in memory of its own, so what it counts is what it keeps', () => {
    const cache = new PageCache();
    // Under 4 KB, Buffer.from slices Node's shared pool; zlib's one-shot output is a slice of a 16 KB chunk.
    for (const body of ['<p>short</p>', `<p>${'a long page '.repeat(2000)}</p>`]) {
      const page = cache.store(`/${body.length}`, body, 'text/html', ['k']);
      for (const bytes of [page.identity, page.br, page.gzip]) {
        expect(bytes.byteOffset).toBe(0);
        expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      }
      expect(brotliDecompressSync(page.br).toString()).toBe(body);
      expect(gunzipSync(page.gzip).toString()).toBe(body);
    }
  });

  it('renders a cold page once for readers who ask at the same time; a page not stored is not waited for twice', async () => {
    const cache = new PageCache();
    const { app, renders } = await appWithCache(cache, 40);
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.inject('/articles/cold')));
    expect(renders()).toBe(1);
    expect(answers.filter((a) => a.headers['x-cache'] === 'miss')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    // Nothing stored (a 404): each follower renders for itself once the leader is done, and nobody hangs.
    const missing = await Promise.all(Array.from({ length: 5 }, () => app.inject('/articles/missing')));
    expect(missing.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(renders()).toBe(6);
  });

  it('does not keep a page whose keys were purged while it rendered: it may predate the change', async () => {
    const cache = new PageCache();
    const { app, renders } = await appWithCache(cache, 60);
    // The render reads the database, then a change commits and its purge arrives before the page is done.
    const during = app.inject('/articles/a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    cache.purge(['article:a']);
    expect((await during).body).toContain('render 1');
    expect(cache.has('/articles/a')).toBe(false);
    const next = await app.inject('/articles/a');
    expect(next.headers['x-cache']).toBe('miss');
    expect(next.body).toContain('render 2');
    expect((await app.inject('/articles/a')).headers['x-cache']).toBe('hit');
    // A purge of other keys meanwhile does not stop a page being kept.
    const other = app.inject('/articles/b');
    await new Promise((resolve) => setTimeout(resolve, 20));
    cache.purge(['article:z']);
    await other;
    expect(cache.has('/articles/b')).toBe(true);
    // Nor does a clear before the render began; one during it does.
    cache.clear();
    await app.inject('/articles/c');
    expect(cache.has('/articles/c')).toBe(true);
    const cleared = app.inject('/articles/d');
    await new Promise((resolve) => setTimeout(resolve, 20));
    cache.clear();
    await cleared;
    expect(cache.has('/articles/d')).toBe(false);
    expect(renders()).toBe(5);
  });

  it('remembers only the last purges: a render that spans more of them is not kept', () => {
    const cache = new PageCache();
    const mark = cache.purgeMark();
    cache.purge(['article:x']);
    expect(cache.purgedSince(mark, ['article:y'])).toBe(false);
    expect(cache.purgedSince(mark, ['article:x'])).toBe(true);
    for (let i = 0; i < 300; i++) cache.purge([`article:${i}`]);
    expect(cache.purgedSince(mark, ['article:y'])).toBe(true);
    expect(cache.purgedSince(cache.purgeMark(), ['article:y'])).toBe(false);
  });

  it('reads Accept-Encoding with q-values', () => {
    expect(chooseEncoding('gzip, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('br')).toBe('br');
  });
});

/**
 * A page with two editions, chosen by an `edition` cookie: the resolver stands for the wall, with a
 * count of its calls and a `go` cookie that sends the reader elsewhere first.
 */
async function appWithEditions(cache: PageCache, slowMs = 0) {
  const log = { renders: [] as string[], choices: 0, reused: 0 };
  const choose = (
    cookies: Record<string, string | undefined>,
    meta: { free: boolean },
  ): VariantChoice | null => {
    log.choices++;
    if (cookies.go) return { redirect: 'https://news.example/elsewhere' };
    if (cookies.edition === 'none') return null;
    if (meta.free) return { variant: 'a', shared: true };
    return { variant: cookies.edition === 'b' ? 'b' : 'a', shared: false };
  };
  const app = Fastify({ logger: false });
  await app.register(cookie);
  await app.register(pageCachePlugin, { cache });
  app.addPageVariantResolver('edition', (request, meta) =>
    choose(request.cookies, { free: meta.free === true }),
  );
  app.get('/story/:id', { config: { pageCache: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const meta = { free: id === 'free', id };
    if (request.pageVariantChoice) log.reused++;
    const choice = request.pageVariantChoice ?? choose(request.cookies, meta);
    if (!choice) return reply.code(403).type('text/html').send('not for you');
    if ('redirect' in choice) return reply.redirect(choice.redirect, 303);
    log.renders.push(`${id}:${choice.variant}`);
    if (slowMs) await new Promise((resolve) => setTimeout(resolve, slowMs));
    reply.pageVariant = { resolver: 'edition', name: choice.variant, meta, shared: choice.shared };
    surrogateKeys(reply, [`article:${id}`]);
    return reply.type('text/html; charset=utf-8').send(`<p>${id} edition ${choice.variant}</p>`);
  });
  return { app, log };
}

describe('page cache versions', () => {
  const as = (edition: string, extra: Record<string, string> = {}) => ({
    headers: { cookie: `edition=${edition}`, ...extra },
  });

  it('stores each version the first time a reader needs it and serves it after, choosing once per request', async () => {
    const cache = new PageCache();
    const { app, log } = await appWithEditions(cache);
    const a = await app.inject({ url: '/story/x', ...as('a') });
    expect([a.body, a.headers['x-cache']]).toEqual(['<p>x edition a</p>', 'miss']);
    // The stored entry has the b edition missing: the resolver chooses b, the route renders it with that choice.
    const b = await app.inject({ url: '/story/x', ...as('b') });
    expect([b.body, b.headers['x-cache']]).toEqual(['<p>x edition b</p>', 'miss']);
    expect(log.reused).toBe(1);
    for (const edition of ['a', 'b', 'a']) {
      const hit = await app.inject({ url: '/story/x', ...as(edition) });
      expect([hit.body, hit.headers['x-cache']]).toEqual([`<p>x edition ${edition}</p>`, 'hit']);
      expect(hit.headers['surrogate-key']).toBe('site article:x');
    }
    expect(log.renders).toEqual(['x:a', 'x:b']);
    // One choice per request: the miss of b chose before routing and the route took that choice.
    expect(log.choices).toBe(5);
    const entry = cache.get('/story/x');
    expect(entry && isVaried(entry) && [...entry.versions.keys()]).toEqual(['a', 'b']);
  });

  it('renders each version of a cold page once when readers needing either version ask at the same time', async () => {
    const { app, log } = await appWithEditions(new PageCache(), 40);
    const editions = Array.from({ length: 16 }, (_, i) => (i % 2 ? 'b' : 'a'));
    const answers = await Promise.all(editions.map((e) => app.inject({ url: '/story/x', ...as(e) })));
    expect(answers.map((a) => a.body)).toEqual(editions.map((e) => `<p>x edition ${e}</p>`));
    expect(log.renders.sort()).toEqual(['x:a', 'x:b']);
    expect(answers.filter((a) => a.headers['x-cache'] === 'miss')).toHaveLength(2);
  });

  it('keeps ETag and 304 per version, private where the choice was per reader, public where it was not', async () => {
    const { app } = await appWithEditions(new PageCache());
    const a = await app.inject({ url: '/story/x', ...as('a') });
    const b = await app.inject({ url: '/story/x', ...as('b') });
    expect(a.headers.etag).not.toBe(b.headers.etag);
    for (const res of [a, b]) {
      expect(res.headers['cache-control']).toBe(PRIVATE_PAGE_CACHE_CONTROL);
      expect(res.headers.vary).toBe('accept-encoding, cookie');
    }
    const same = await app.inject({
      url: '/story/x',
      ...as('b', { 'if-none-match': String(b.headers.etag) }),
    });
    expect(same.statusCode).toBe(304);
    expect(same.headers['cache-control']).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    // The browser holds edition a; the reader now gets b: a whole new page, not a 304.
    const changed = await app.inject({
      url: '/story/x',
      ...as('b', { 'if-none-match': String(a.headers.etag) }),
    });
    expect([changed.statusCode, changed.body]).toEqual([200, '<p>x edition b</p>']);
    const free = await app.inject({ url: '/story/free', ...as('b') });
    expect(free.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
    expect(free.headers.vary).toBe('accept-encoding');
    const freeAgain = await app.inject({ url: '/story/free', headers: { 'accept-encoding': 'gzip' } });
    expect(freeAgain.headers['x-cache']).toBe('hit');
    expect(freeAgain.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
    expect(gunzipSync(freeAgain.rawPayload).toString()).toBe(free.body);
  });

  it('purges every version of a URL together; a version stored with other meta replaces the rest', () => {
    const cache = new PageCache();
    const v = (name: string, n: number) => ({ resolver: 'edition', name, meta: { n } });
    cache.store('/s', 'a1', 'text/html', ['article:s'], v('a', 1));
    cache.store('/s', 'b1', 'text/html', ['article:s'], v('b', 1));
    cache.store('/t', 't', 'text/html', ['article:t']);
    const entry = () => cache.get('/s');
    expect(cache.size).toBe(2);
    cache.store('/s', 'a2', 'text/html', ['article:s'], v('a', 2));
    const replaced = entry();
    expect(replaced && isVaried(replaced) && [...replaced.versions.keys()]).toEqual(['a']);
    expect(cache.purge(['article:s'])).toBe(1);
    expect(entry()).toBeUndefined();
    // A plain page and a varied one under one URL replace each other.
    cache.store('/t', 'ta', 'text/html', ['article:t'], v('a', 1));
    expect(isVaried(cache.get('/t')!)).toBe(true);
    cache.store('/t', 't', 'text/html', ['article:t']);
    expect(isVaried(cache.get('/t')!)).toBe(false);
    expect(cache.purge(['article:t'])).toBe(1);
    expect(cache.size).toBe(0);
    // Versions with different keys: any key purges the URL, and nothing stays indexed afterwards.
    cache.store('/u', 'a', 'text/html', ['k1'], v('a', 1));
    cache.store('/u', 'b', 'text/html', ['k2'], v('b', 1));
    expect(cache.purge(['k2'])).toBe(1);
    cache.store('/u', 'plain', 'text/html', ['k3']);
    expect(cache.purge(['k1'])).toBe(0);
    expect(cache.get('/u')).toBeDefined();
  });

  it('lets the resolver send the reader elsewhere first, or leave the request to the route', async () => {
    const { app, log } = await appWithEditions(new PageCache());
    await app.inject({ url: '/story/x', ...as('a') });
    const away = await app.inject({ url: '/story/x', headers: { cookie: 'go=1' } });
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('https://news.example/elsewhere');
    expect(away.headers['cache-control']).toBe('no-store');
    const none = await app.inject({ url: '/story/x', ...as('none') });
    expect([none.statusCode, none.body]).toEqual([403, 'not for you']);
    expect((await app.inject({ url: '/story/x', ...as('a') })).headers['x-cache']).toBe('hit');
    expect(log.renders).toEqual(['x:a']);
    expect(() => app.addPageVariantResolver('edition', async () => null)).toThrow(/already registered/);
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

describeEachDialect('purges between processes over Redis', (t) => {
  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const quiet = { warn() {}, info() {} };
  const until = async (done: () => boolean, ms = 3_000) => {
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    return done();
  };

  it('reach another process at once, without its poll, and again after its subscription was cut', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const channel = () =>
      createRedisPurgeChannel({ url: redis, databaseLocation: t.database.location, logger: quiet });
    const [cacheA, cacheB] = [new PageCache(), new PageCache()];
    const a = new PurgeFollower(t.database.db, clock, cacheA, channel());
    const b = new PurgeFollower(t.database.db, clock, cacheB, channel());
    // Polls an hour apart: only the channel (or a reconnect's catch-up) can bring B the purge.
    a.start(3_600_000);
    b.start(3_600_000);
    try {
      const connected = new Redis(redis.href);
      const name = purgeChannelName(t.database.location);
      const subscribed = async () => ((await connected.pubsub('NUMSUB', name)) as [string, number])[1] >= 2;
      expect(await untilAsync(subscribed)).toBe(true);
      cacheB.store('/story', 'old', 'text/html', ['article:s']);
      await t.database.db.transaction().execute((trx) => queuePurge(trx, clock, ['article:s']));
      await a.sync();
      expect(await until(() => cacheB.get('/story') === undefined)).toBe(true);

      // Cut every subscriber's connection: ioredis reconnects and subscribes again.
      await connected.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      expect(await untilAsync(subscribed)).toBe(true);
      cacheB.store('/story', 'again', 'text/html', ['article:s']);
      clock.advance(1_000);
      await t.database.db.transaction().execute((trx) => queuePurge(trx, clock, ['article:s']));
      await a.sync();
      expect(await until(() => cacheB.get('/story') === undefined)).toBe(true);
      connected.disconnect();
    } finally {
      a.stop();
      b.stop();
    }
  });
});

async function untilAsync(done: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
