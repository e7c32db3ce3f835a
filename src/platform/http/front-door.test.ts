import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { surrogateKeys } from './cache-keys.js';
import type { VariantResolver } from './cached-answer.js';
import { frontDoor } from './front-door.js';
import { PageCache } from './page-cache.js';
import { PRIVATE_PAGE_CACHE_CONTROL, pageCachePlugin } from './page-cache-plugin.js';

/**
 * The front door over a real socket: what it answers itself (Fastify never sees the request), what
 * it hands on, and that its answers carry what the same page answered through Fastify.
 */
async function listeningApp(logger: FastifyBaseLogger | false = false) {
  const cache = new PageCache();
  const resolvers = new Map<string, VariantResolver>();
  const seen = { byFastify: [] as string[], choices: 0, renders: [] as string[] };
  let closing = false;
  const app: FastifyInstance = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    serverFactory: frontDoor({
      cache,
      resolvers,
      logger,
      closing: () => closing,
      atPublicHost: () => true,
    }),
  });
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request) => {
    seen.byFastify.push(request.url);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A header every reader page carries, set before the cache stores the page (like the TDM one).
    reply.header('tdm-reservation', '1');
  });
  await app.register(cookie);
  await app.register(pageCachePlugin, { cache, resolvers });
  app.addPageVariantResolver('edition', (request, meta) => {
    seen.choices++;
    if (request.cookies.boom) throw new Error('the session store is down');
    if (request.cookies.go) return { redirect: 'https://news.example/elsewhere' };
    if (meta.free === true) return { variant: 'a', shared: true };
    return {
      variant: request.cookies.edition === 'b' ? 'b' : 'a',
      shared: false,
      setCookies: ['seen=1; Path=/'],
    };
  });
  app.get('/page', { config: { pageCache: true } }, async (_request, reply) => {
    seen.renders.push('page');
    surrogateKeys(reply, ['article:page']);
    // Per-request: must never be replayed to the next reader.
    reply.header('set-cookie', 'first=only; Path=/');
    return reply.type('text/html; charset=utf-8').send(`<p>page</p>${'words '.repeat(400)}`);
  });
  app.get('/story/:id', { config: { pageCache: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const choice = request.pageVariantChoice ?? { variant: 'a', shared: id === 'free' };
    if ('redirect' in choice) return reply.redirect(choice.redirect, 303);
    seen.renders.push(`${id}:${choice.variant}`);
    reply.pageVariant = {
      resolver: 'edition',
      name: choice.variant,
      meta: { free: id === 'free' },
      shared: choice.shared,
    };
    surrogateKeys(reply, [`article:${id}`]);
    return reply.type('text/html; charset=utf-8').send(`<p>${id} edition ${choice.variant}</p>`);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, base, seen };
}

let opened: FastifyInstance | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** A pino logger whose lines are kept, as written. */
function keptLog(options: pino.LoggerOptions = {}) {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info', ...options },
    { write: (text: string) => lines.push(...text.split('\n').filter(Boolean)) },
  );
  return { logger, lines };
}

/** A request over node:http (fetch would decompress): the bytes and headers the server sent. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ res: { status: number; headers: Headers }; body: Buffer }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const sent = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) sent.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve({ res: { status: res.statusCode ?? 0, headers: sent }, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the front door', () => {
  it('answers a stored page itself, with the headers the miss carried and none of its per-request ones', async () => {
    const { app, base, seen } = await listeningApp();
    opened = app;
    const miss = await raw(`${base}/page`);
    expect(miss.res.headers.get('x-cache')).toBe('miss');
    expect(miss.res.headers.get('set-cookie')).toBe('first=only; Path=/');
    const hit = await raw(`${base}/page`, { 'x-request-id': 'edge-42' });
    expect(hit.res.headers.get('x-cache')).toBe('hit');
    expect(hit.body.equals(miss.body)).toBe(true);
    // Fastify saw the miss only.
    expect(seen.byFastify).toEqual(['/page']);
    for (const name of [
      'content-type',
      'etag',
      'cache-control',
      'vary',
      'surrogate-key',
      'tdm-reservation',
    ]) {
      expect([name, hit.res.headers.get(name)]).toEqual([name, miss.res.headers.get(name)]);
    }
    expect(hit.res.headers.get('content-length')).toBe(String(miss.body.length));
    expect(hit.res.headers.get('set-cookie')).toBeNull();
    expect(hit.res.headers.get('x-request-id')).toBe('edge-42');
    const other = await raw(`${base}/page`, { 'x-request-id': 'not a sane id!' });
    expect(other.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 304 by ETag, HEAD without a body, and the encoding the browser accepts', async () => {
    const { app, base, seen } = await listeningApp();
    opened = app;
    const first = await raw(`${base}/page`);
    const etag = String(first.res.headers.get('etag'));
    const same = await raw(`${base}/page`, { 'if-none-match': etag });
    expect([same.res.status, same.body.length, same.res.headers.get('etag')]).toEqual([304, 0, etag]);
    const head = await raw(`${base}/page`, {}, 'HEAD');
    expect([head.res.status, head.body.length]).toEqual([200, 0]);
    expect(head.res.headers.get('content-length')).toBe(String(first.body.length));
    const gz = await raw(`${base}/page`, { 'accept-encoding': 'gzip' });
    expect(gz.res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).equals(first.body)).toBe(true);
    const br = await raw(`${base}/page`, { 'accept-encoding': 'gzip, br' });
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(br.body).equals(first.body)).toBe(true);
    expect(seen.byFastify).toEqual(['/page']);
  });

  it('chooses a version once per request: serves a stored one, hands an unstored one to the route with the choice', async () => {
    const { app, base, seen } = await listeningApp();
    opened = app;
    await raw(`${base}/story/x`, { cookie: 'edition=a' });
    expect(seen.choices).toBe(0);
    const hitA = await raw(`${base}/story/x`, { cookie: 'edition=a' });
    expect([hitA.res.headers.get('x-cache'), hitA.body.toString()]).toEqual(['hit', '<p>x edition a</p>']);
    // The resolver's cookies go out with the stored page; the version is private to the reader.
    expect(hitA.res.headers.get('set-cookie')).toBe('seen=1; Path=/');
    expect(hitA.res.headers.get('cache-control')).toBe(PRIVATE_PAGE_CACHE_CONTROL);
    expect(hitA.res.headers.get('vary')).toBe('accept-encoding, cookie');
    const missB = await raw(`${base}/story/x`, { cookie: 'edition=b' });
    expect([missB.res.headers.get('x-cache'), missB.body.toString()]).toEqual(['miss', '<p>x edition b</p>']);
    expect(missB.res.headers.get('set-cookie')).toBe('seen=1; Path=/');
    // Two requests after the first render, one choice each: the route took the front door's choice.
    expect(seen.choices).toBe(2);
    expect(seen.renders).toEqual(['x:a', 'x:b']);
    expect(seen.byFastify).toEqual(['/story/x', '/story/x']);
  });

  it('hands redirects and failing resolvers to Fastify, asking the resolver no more than needed', async () => {
    const { app, base, seen } = await listeningApp();
    opened = app;
    await raw(`${base}/story/y`);
    const away = await fetch(`${base}/story/y`, { headers: { cookie: 'go=1' }, redirect: 'manual' });
    expect([away.status, away.headers.get('location')]).toEqual([303, 'https://news.example/elsewhere']);
    expect(away.headers.get('cache-control')).toBe('no-store');
    expect(seen.choices).toBe(1);
    const failed = await raw(`${base}/story/y`, { cookie: 'boom=1' });
    expect(failed.res.status).toBe(500);
    const fine = await raw(`${base}/story/y`);
    expect([fine.res.status, fine.res.headers.get('x-cache')]).toEqual([200, 'hit']);
  });
  it('logs each hit as the request log does, with the cache field, in the line pino itself would write', async () => {
    const { logger, lines } = keptLog();
    // Counts the lines pino renders for the hit logger (its child loggers inherit this): the sample
    // line checked at start-up, and no other when the hand-made line is in use.
    const internals = logger as unknown as Record<symbol, (...args: unknown[]) => string>;
    const asJson = internals[pino.symbols.asJsonSym]!;
    let renderedForHits = 0;
    internals[pino.symbols.asJsonSym] = function (this: Record<symbol, unknown>, ...args: unknown[]) {
      if (String(this[pino.symbols.chindingsSym]).includes('"cache":"hit"')) renderedForHits++;
      return asJson.apply(this, args);
    };
    const { app, base } = await listeningApp(logger);
    opened = app;
    await raw(`${base}/page`);
    await raw(`${base}/page?q=%22caf%C3%A9%22`, { 'x-request-id': 'edge-7' });
    const hit = lines.filter((line) => line.includes('"cache":"hit"'));
    expect(hit).toHaveLength(0);
    await raw(`${base}/page`, { 'x-request-id': 'edge-7' });
    await raw(`${base}/page`, {}, 'HEAD');
    const hits = lines.filter((line) => line.includes('"cache":"hit"'));
    expect(hits).toHaveLength(2);
    const first = JSON.parse(hits[0]!);
    expect(first).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      cache: 'hit',
      reqId: 'edge-7',
      req: { method: 'GET', url: '/page' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
    expect(Math.abs(first.time - Date.now())).toBeLessThan(60_000);
    expect(JSON.parse(hits[1]!).req).toEqual({ method: 'HEAD', url: '/page' });
    expect(renderedForHits).toBe(1);
    // Byte for byte what pino writes for the same fields (the line is made by hand for speed).
    const byPino: string[] = [];
    pino({ level: 'info' }, { write: (text: string) => byPino.push(text.trim()) })
      .child({ cache: 'hit' })
      .info(
        { reqId: 'edge-7', req: { method: 'GET', url: '/page' }, res: { statusCode: 200 } },
        'request completed',
      );
    const withoutTime = (line: string) =>
      line.replace(/"time":\d+/, '').replace(/"pid":\d+,"hostname":"[^"]*"/, '');
    expect(withoutTime(hits[0]!)).toBe(withoutTime(byPino[0]!));
  });

  it('logs hits through pino when the logger is set up to write other lines', async () => {
    const { logger, lines } = keptLog({ messageKey: 'message', base: { service: 'web' } });
    const { app, base } = await listeningApp(logger);
    opened = app;
    await raw(`${base}/page`);
    await raw(`${base}/page`);
    const hits = lines.filter((line) => line.includes('"cache":"hit"')).map((line) => JSON.parse(line));
    expect(hits).toEqual([
      expect.objectContaining({ service: 'web', message: 'request completed', res: { statusCode: 200 } }),
    ]);
    expect(hits[0]).not.toHaveProperty('msg');
  });
});
