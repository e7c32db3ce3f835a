import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type CachedPage,
  chooseEncoding,
  isVaried,
  type PageCache,
  type VariantMeta,
  type VariantOf,
} from './page-cache.js';

/** A route's word on the page it rendered when its URL has several versions (ADR 0010). */
export interface PageVariantMark extends VariantOf {
  /** Whether this response may be kept by shared caches (a CDN) for every reader. */
  readonly shared: boolean;
}

/** Which stored version a request gets, and whether shared caches may keep it; or where it must go first. */
export type VariantChoice =
  | { readonly variant: string; readonly shared: boolean }
  | { readonly redirect: string };

/**
 * Chooses the version of a varied page for one request from the request and the meta the page was
 * stored with; null leaves the request to the route. It runs before routing on every request for
 * the URL, so it must not query the database for the readers it is there to serve fast. It may set
 * cookies on `reply`.
 */
export type VariantResolver = (
  request: FastifyRequest,
  reply: FastifyReply,
  meta: VariantMeta,
) => Promise<VariantChoice | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This GET route renders a reader page that may be cached and served to every anonymous reader. */
    pageCache?: boolean;
  }
  interface FastifyInstance {
    /** Registers the resolver that chooses among the versions of pages marked with its name. */
    addPageVariantResolver(name: string, resolver: VariantResolver): void;
  }
  interface FastifyRequest {
    servedFromCache: boolean;
    /**
     * The resolver's choice when the version it chose was not stored yet: the route renders that
     * version and must not choose again (a choice may count something, such as the meter).
     */
    pageVariantChoice: VariantChoice | null;
  }
  interface FastifyReply {
    /** Set by a route whose page is one version among several for its URL; null: one page for all. */
    pageVariant: PageVariantMark | null;
  }
}

/** Browsers and CDNs may keep a page briefly and serve it stale while they fetch the new one. */
export const PAGE_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';
/**
 * A version chosen for one reader: no shared cache keeps it, and the browser asks again each time
 * (answered 304 while the same version stays right), so signing in or using up the free articles
 * shows at once.
 */
export const PRIVATE_PAGE_CACHE_CONTROL = 'private, no-cache';

/**
 * Serves cached reader pages before any route work (no database, no rendering) and stores the
 * pages that routes marked `config: { pageCache: true }` render with a 200. Conditional requests
 * get 304 by ETag; the body goes out brotli- or gzip-compressed as the reader's browser accepts.
 *
 * A route may mark its page as one version of several (`reply.pageVariant`): the cache keeps each
 * version under the URL with the route's meta, and on later requests the resolver registered under
 * the mark's name picks the version from the request and that meta. A version not stored yet is
 * rendered by the route, which takes the choice already made from `request.pageVariantChoice`.
 */
export const pageCachePlugin = fp<{ cache: PageCache }>(
  async (app, { cache }) => {
    const resolvers = new Map<string, VariantResolver>();
    app.decorate('addPageVariantResolver', (name: string, resolver: VariantResolver) => {
      if (resolvers.has(name)) throw new Error(`A page variant resolver named ${name} is already registered`);
      resolvers.set(name, resolver);
    });
    app.decorateRequest('servedFromCache', false);
    app.decorateRequest('pageVariantChoice', null);
    app.decorateReply('pageVariant', null);

    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const entry = cache.get(request.url);
      if (!entry) return;
      if (!isVaried(entry)) return serve(request, reply, entry, true);
      const resolver = resolvers.get(entry.resolver);
      if (!resolver) return;
      const choice = await resolver(request, reply, entry.meta);
      if (!choice) return;
      if ('redirect' in choice) {
        return reply.header('cache-control', 'no-store').redirect(choice.redirect, 303);
      }
      const page = entry.versions.get(choice.variant);
      if (page) return serve(request, reply, page, choice.shared);
      request.pageVariantChoice = choice;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.servedFromCache || request.method !== 'GET') return payload;
      if (!request.routeOptions.config?.pageCache || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const keys = String(reply.getHeader('surrogate-key') ?? '')
        .split(' ')
        .filter(Boolean);
      const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
      const mark = reply.pageVariant;
      const page = cache.store(request.url, payload, contentType, keys, mark ?? undefined);
      reply.header('x-cache', 'miss');
      return encodeFor(request, reply, page, mark?.shared ?? true);
    });
  },
  { name: 'masthead-page-cache' },
);

function serve(request: FastifyRequest, reply: FastifyReply, page: CachedPage, shared: boolean) {
  request.servedFromCache = true;
  reply.header('x-cache', 'hit');
  reply.header('content-type', page.contentType);
  if (page.keys.length) reply.header('surrogate-key', page.keys.join(' '));
  const body = encodeFor(request, reply, page, shared);
  if (reply.statusCode === 304) return reply.send();
  return reply.send(body);
}

function encodeFor(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  shared: boolean,
): Buffer | string {
  reply.header('etag', page.etag);
  reply.header('cache-control', shared ? PAGE_CACHE_CONTROL : PRIVATE_PAGE_CACHE_CONTROL);
  // A version chosen from the reader's cookies must not be handed to a reader with other cookies.
  reply.header('vary', shared ? 'accept-encoding' : 'accept-encoding, cookie');
  if (request.headers['if-none-match'] === page.etag) {
    reply.code(304);
    return '';
  }
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding) reply.header('content-encoding', encoding);
  return encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
}
