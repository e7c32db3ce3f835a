import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type CachedPage, chooseEncoding, type PageCache } from './page-cache.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This GET route renders a reader page that may be cached and served to every anonymous reader. */
    pageCache?: boolean;
  }
  interface FastifyRequest {
    servedFromCache: boolean;
  }
}

/** Browsers and CDNs may keep a page briefly and serve it stale while they fetch the new one. */
export const PAGE_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';

/**
 * Serves cached reader pages before any route work (no database, no rendering) and stores the
 * pages that routes marked `config: { pageCache: true }` render with a 200. Conditional requests
 * get 304 by ETag; the body goes out brotli- or gzip-compressed as the reader's browser accepts.
 */
export const pageCachePlugin = fp<{ cache: PageCache }>(
  async (app, { cache }) => {
    app.decorateRequest('servedFromCache', false);

    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const page = cache.get(request.url);
      if (!page) return;
      request.servedFromCache = true;
      reply.header('x-cache', 'hit');
      return sendPage(request, reply, page);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.servedFromCache || request.method !== 'GET') return payload;
      if (!request.routeOptions.config?.pageCache || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const keys = String(reply.getHeader('surrogate-key') ?? '')
        .split(' ')
        .filter(Boolean);
      const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
      const page = cache.store(request.url, payload, contentType, keys);
      reply.header('x-cache', 'miss');
      return encodeFor(request, reply, page);
    });
  },
  { name: 'masthead-page-cache' },
);

function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage) {
  reply.header('content-type', page.contentType);
  if (page.keys.length) reply.header('surrogate-key', page.keys.join(' '));
  const body = encodeFor(request, reply, page);
  if (reply.statusCode === 304) return reply.send();
  return reply.send(body);
}

function encodeFor(request: FastifyRequest, reply: FastifyReply, page: CachedPage): Buffer | string {
  reply.header('etag', page.etag);
  reply.header('cache-control', PAGE_CACHE_CONTROL);
  reply.header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === page.etag) {
    reply.code(304);
    return '';
  }
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding) reply.header('content-encoding', encoding);
  return encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
}
