import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';
import pino from 'pino';
import {
  type CacheOutcome,
  lookUpCached,
  type PageRequest,
  pageResponse,
  type VariantResolver,
} from './cached-answer.js';
import type { PageCache } from './page-cache.js';
import { FRONT_DOOR_OUTCOME } from './page-cache-plugin.js';
import { requestIdOf } from './request-id.js';

export interface FrontDoorOptions {
  readonly cache: PageCache;
  readonly resolvers: ReadonlyMap<string, VariantResolver>;
  /** Hits are logged like Fastify's own request log, when that level is on. */
  readonly logger: FastifyBaseLogger | false;
  /** True once the app is closing: from then on Fastify answers everything (503s while it drains). */
  readonly closing: () => boolean;
  /** False for a request at another host than PUBLIC_URL's: Fastify redirects it (canonical-host.ts). */
  readonly atPublicHost: (headers: http.IncomingHttpHeaders) => boolean;
}

/** Fastify's default keep-alive; the `keepAliveTimeout` option does not reach a server made here. */
const KEEP_ALIVE_MS = 72_000;

/**
 * The HTTP server in front of Fastify (ADR 0011). A request for a page the cache holds is answered
 * here, from memory, before Fastify builds a request, a reply and a child logger, routes, and runs
 * its hooks: a cached article is most of what a newspaper serves, and those steps cost a quarter of
 * the budget. Everything else (and anything the cache finds it cannot answer alone: a version to
 * render, a redirect) goes to Fastify, with what was found left on the request so no choice is made
 * twice. Tests through `inject` never come here; the page cache plugin's hook answers them the same
 * way, from the same functions (cached-answer.ts).
 */
export function frontDoor(options: FrontDoorOptions): FastifyServerFactory {
  const log = hitLog(options.logger);
  return (handler) => {
    const server = http.createServer((req, res) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || options.closing() || !req.url) {
        return handler(req, res);
      }
      if (!options.cache.has(req.url) || !options.atPublicHost(req.headers)) return handler(req, res);
      const handOn = (outcome: CacheOutcome) => {
        (req as { [FRONT_DOOR_OUTCOME]?: CacheOutcome })[FRONT_DOOR_OUTCOME] = outcome;
        handler(req, res);
      };
      let found: CacheOutcome | Promise<CacheOutcome>;
      try {
        found = lookUpCached(options.cache, options.resolvers, new DoorRequest(req));
      } catch {
        // A resolver that failed: Fastify asks again and answers through the one error handler.
        return handler(req, res);
      }
      if (!(found instanceof Promise))
        return found?.kind === 'serve' ? send(log, req, res, found) : handOn(found);
      found.then(
        (outcome) => (outcome?.kind === 'serve' ? send(log, req, res, outcome) : handOn(outcome)),
        // A signed-in reader's session could not be read: Fastify asks again, through the error handler.
        () => handler(req, res),
      );
    });
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    return server;
  };
}

/** Writes one access-log line for a hit; null when the level is off. */
type HitLog = ((id: string, req: IncomingMessage, status: number) => void) | null;

/** What pino keeps on a logger, read through the symbols it exports (`pino.symbols`). */
interface PinoInternals {
  [pino.symbols.streamSym]?: { write(line: string): unknown };
  [pino.symbols.chindingsSym]?: string;
  [pino.symbols.asJsonSym]?: (obj: object, msg: string, level: number, time: string) => string;
}

/**
 * The access log of hits: the line Fastify's request log writes, with a fixed `cache: "hit"` field.
 * Hits are most of what a paper serves, and pino spent 0.9 us making each line where the same text
 * joined by hand takes 0.15 us (issue 15's profile: the log was the largest part of a hit's cost after
 * Node's own HTTP). So the line is built here and handed to the logger's destination, once pino has
 * been seen to render the very same text for a sample hit at start-up; a logger set up otherwise
 * (other keys, formatters, a mixin, redaction) fails that check and logs each hit through pino.
 */
function hitLog(logger: FastifyBaseLogger | false): HitLog {
  if (!logger || !(logger as { isLevelEnabled?(level: string): boolean }).isLevelEnabled?.('info')) {
    return null;
  }
  const child = logger.child({ cache: 'hit' });
  const throughPino: HitLog = (id, req, status) =>
    child.info(
      { reqId: id, req: { method: req.method, url: req.url }, res: { statusCode: status } },
      'request completed',
    );
  const internals = child as unknown as PinoInternals;
  const stream = internals[pino.symbols.streamSym];
  const bindings = internals[pino.symbols.chindingsSym];
  const asJson = internals[pino.symbols.asJsonSym];
  if (!stream || typeof bindings !== 'string' || !asJson) return throughPino;
  const line = (time: number, id: string, method: string, url: string, status: number) =>
    `{"level":30,"time":${time}${bindings},"reqId":${JSON.stringify(id)},"req":{"method":${JSON.stringify(method)},"url":${JSON.stringify(url)}},"res":{"statusCode":${status}},"msg":"request completed"}\n`;
  const sample = {
    id: 'req-1',
    method: 'GET',
    url: '/a/"b"\u2028?q=\u00e9',
    status: 200,
    time: 1_700_000_000_000,
  };
  const pinos = asJson.call(
    child,
    { reqId: sample.id, req: { method: sample.method, url: sample.url }, res: { statusCode: sample.status } },
    'request completed',
    30,
    `,"time":${sample.time}`,
  );
  if (pinos !== line(sample.time, sample.id, sample.method, sample.url, sample.status)) return throughPino;
  return (id, req, status) => {
    stream.write(line(Date.now(), id, req.method ?? 'GET', req.url ?? '/', status));
  };
}

/** Writes a stored page: its prepared headers, this request's id, and any cookie the choice set. */
function send(
  log: HitLog,
  req: IncomingMessage,
  res: ServerResponse,
  outcome: Extract<CacheOutcome, { kind: 'serve' }>,
): void {
  const id = requestIdOf(req.headers['x-request-id']);
  const { status, headers, body } = pageResponse(outcome.page, outcome.shared, req.headers);
  const sent: http.OutgoingHttpHeaders = { ...headers, 'x-cache': 'hit', 'x-request-id': id };
  if (body) sent['content-length'] = body.length;
  if (outcome.setCookies.length) sent['set-cookie'] = outcome.setCookies as string[];
  res.writeHead(status, sent);
  res.end(req.method === 'HEAD' ? undefined : (body ?? undefined));
  log?.(id, req, status);
}

/**
 * What a resolver may read of a request, made for each hit: a class, so the lazy cookies cost no
 * closure and no accessor defined per request. Cookies are parsed only when a resolver asks: most
 * hits are pages that are the same for everyone.
 */
class DoorRequest implements PageRequest {
  readonly method: string;
  readonly url: string;
  #req: IncomingMessage;
  #cookies: Record<string, string | undefined> | undefined;
  constructor(req: IncomingMessage) {
    this.#req = req;
    this.method = req.method ?? 'GET';
    this.url = req.url ?? '/';
  }
  get cookies(): Record<string, string | undefined> {
    if (!this.#cookies) {
      const header = this.#req.headers.cookie;
      this.#cookies = header ? (fastifyCookie.parse(header) as Record<string, string | undefined>) : {};
    }
    return this.#cookies;
  }
}
