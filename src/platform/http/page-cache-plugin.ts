import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type CacheOutcome,
  keptHeaders,
  lookUpCached,
  pageResponse,
  type VariantChoice,
  type VariantResolver,
} from './cached-answer.js';
import { isVaried, type PageCache, type VariantOf } from './page-cache.js';
import { RendersInFlight } from './renders-in-flight.js';

export {
  PAGE_CACHE_CONTROL,
  type PageRequest,
  PRIVATE_PAGE_CACHE_CONTROL,
  type VariantChoice,
  type VariantResolver,
} from './cached-answer.js';

/** A route's word on the page it rendered when its URL has several versions (ADR 0010). */
export interface PageVariantMark extends VariantOf {
  /** Whether this response may be kept by shared caches (a CDN) for every reader. */
  readonly shared: boolean;
}

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
    /** Set on the one request rendering a cold page while others wait for it (renders-in-flight.ts). */
    renderDone: (() => void) | null;
    /** Where the cache's purges stood before this request read anything (PageCache.purgeMark). */
    purgeMark: number;
  }
  interface FastifyReply {
    /** Set by a route whose page is one version among several for its URL; null: one page for all. */
    pageVariant: PageVariantMark | null;
  }
}

/** Where the front door (front-door.ts) leaves what it found for a request it hands on to Fastify. */
export const FRONT_DOOR_OUTCOME = Symbol('masthead.frontDoorOutcome');
type Marked = { [FRONT_DOOR_OUTCOME]?: CacheOutcome };

/** Sets the cookies a choice carries (the meter's new count) on the response. */
export function setChoiceCookies(reply: FastifyReply, choice: VariantChoice): void {
  if ('variant' in choice) for (const value of choice.setCookies ?? []) reply.header('set-cookie', value);
}

/**
 * Serves cached reader pages before any route work (no database, no rendering) and stores the
 * pages that routes marked `config: { pageCache: true }` render with a 200. Conditional requests
 * get 304 by ETag; the body goes out brotli- or gzip-compressed as the reader's browser accepts.
 * Under `listen`, the front door (front-door.ts) answers hits before Fastify sees the request; this
 * hook answers the rest: requests through `inject`, and what the front door handed on.
 *
 * A route may mark its page as one version of several (`reply.pageVariant`): the cache keeps each
 * version under the URL with the route's meta, and on later requests the resolver registered under
 * the mark's name picks the version from the request and that meta. A version not stored yet is
 * rendered by the route, which takes the choice already made from `request.pageVariantChoice`.
 *
 * A stored page keeps the headers its response carried that are the same for every reader, so a
 * hit answers with what the miss did. This plugin's onSend hook must run after any hook that adds
 * such a header (the TDM reservation): register those plugins before this one.
 */
export const pageCachePlugin = fp<{
  cache: PageCache;
  resolvers?: Map<string, VariantResolver>;
  inFlight?: RendersInFlight;
}>(
  async (app, { cache, resolvers = new Map(), inFlight = new RendersInFlight() }) => {
    app.decorate('addPageVariantResolver', (name: string, resolver: VariantResolver) => {
      if (resolvers.has(name)) throw new Error(`A page variant resolver named ${name} is already registered`);
      resolvers.set(name, resolver);
    });
    app.decorateRequest('servedFromCache', false);
    app.decorateRequest('pageVariantChoice', null);
    app.decorateRequest('renderDone', null);
    app.decorateRequest('purgeMark', 0);
    app.decorateReply('pageVariant', null);

    app.addHook('onRequest', async (request, reply) => {
      // Before anything reads the database for this request (see storeRendered).
      request.purgeMark = cache.purgeMark();
      const raw = request.raw as Marked;
      let outcome =
        FRONT_DOOR_OUTCOME in raw ? raw[FRONT_DOOR_OUTCOME] : await lookUpCached(cache, resolvers, request);
      if (request.method === 'GET' && request.routeOptions.config?.pageCache && outcome?.kind !== 'serve') {
        outcome = await renderOnce(request, outcome ?? null);
      }
      if (!outcome) return;
      if (outcome.kind === 'redirect') {
        return reply.header('cache-control', 'no-store').redirect(outcome.location, 303);
      }
      if (outcome.kind === 'render') {
        setChoiceCookies(reply, outcome.choice);
        request.pageVariantChoice = outcome.choice;
        return;
      }
      request.servedFromCache = true;
      for (const value of outcome.setCookies) reply.header('set-cookie', value);
      const answer = pageResponse(outcome.page, outcome.shared, request.headers);
      reply.headers({ ...answer.headers, 'x-cache': 'hit' }).code(answer.status);
      return reply.send(answer.body ?? undefined);
    });

    /**
     * A page no one has rendered yet: the first request for it (and the version chosen) renders, the
     * others wait for that render and are then served what it stored. A follower whose page was not
     * stored (an error, a redirect) renders for itself, without waiting again.
     */
    async function renderOnce(
      request: FastifyRequest,
      outcome: CacheOutcome,
      again = true,
    ): Promise<CacheOutcome> {
      const choice = outcome?.kind === 'render' ? outcome.choice : null;
      const variant = choice && 'variant' in choice ? choice : null;
      const key = `${request.url}\0${variant?.variant ?? ''}`;
      const done = inFlight.lead(key);
      if (done) {
        request.renderDone = done;
        return outcome;
      }
      await inFlight.wait(key);
      // Nothing read yet: a purge during the wait concerns the leader's render, not this one.
      request.purgeMark = cache.purgeMark();
      if (variant) {
        const entry = cache.get(request.url);
        const page = entry && isVaried(entry) ? entry.versions.get(variant.variant) : undefined;
        if (!page) return outcome;
        return { kind: 'serve', page, shared: variant.shared, setCookies: variant.setCookies ?? [] };
      }
      const after = await lookUpCached(cache, resolvers, request);
      // The leader stored another version than this reader's: wait once more, for that version's render.
      return after?.kind === 'render' && again ? renderOnce(request, after, false) : after;
    }

    // The leader's render is over once its answer is on its way (stored or not), or it failed.
    app.addHook('onResponse', async (request) => request.renderDone?.());
    app.addHook('onRequestAbort', async (request) => request.renderDone?.());

    app.addHook('onSend', async (request, reply, payload) => {
      const answer = storeRendered(request, reply, payload);
      // Routes always name their keys (the cache indexes them); they leave only for a cache in front.
      if (!cache.surrogateKeyHeader) reply.removeHeader('surrogate-key');
      return answer;
    });

    /** A rendered page the cache may keep: stored, and answered as a hit would be (encoding, ETag). */
    function storeRendered(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
      if (request.servedFromCache || request.method !== 'GET') return payload;
      if (!request.routeOptions.config?.pageCache || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const keys = String(reply.getHeader('surrogate-key') ?? '')
        .split(' ')
        .filter(Boolean);
      // A change announced while this page rendered: the page may predate it. Sent, not kept; the next
      // reader's render reads the change.
      if (cache.purgedSince(request.purgeMark, keys)) return payload;
      const contentType = String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8');
      const mark = reply.pageVariant;
      const page = cache.store(
        request.url,
        payload,
        contentType,
        keys,
        mark ?? undefined,
        keptHeaders(reply.getHeaders()),
      );
      // Stored: whoever waits for this render can be served now, before this answer is even sent.
      request.renderDone?.();
      const answer = pageResponse(page, mark?.shared ?? true, request.headers);
      reply.headers({ ...answer.headers, 'x-cache': 'miss' }).code(answer.status);
      return answer.body ?? '';
    }
  },
  { name: 'masthead-page-cache' },
);
