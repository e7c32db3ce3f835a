import type { IncomingHttpHeaders } from 'node:http';
import {
  type CachedPage,
  chooseEncoding,
  isVaried,
  type PageCache,
  type VariantMeta,
  type VariedPage,
} from './page-cache.js';

/** What a variant resolver may read of a request: no framework object, so the front door can ask too. */
export interface PageRequest {
  readonly method: string;
  readonly url: string;
  readonly cookies: Readonly<Record<string, string | undefined>>;
}

/** Which stored version a request gets, whether shared caches may keep it, and cookies to set; or where it must go first. */
export type VariantChoice =
  | {
      readonly variant: string;
      readonly shared: boolean;
      /** Serialized Set-Cookie values (the meter counting this read, say). */
      readonly setCookies?: readonly string[];
    }
  | { readonly redirect: string };

/**
 * Chooses the version of a varied page for one request from the request and the meta the page was
 * stored with; null leaves the request to the route. It runs before routing on every request for
 * the URL, so it must not query the database for the readers it is there to serve fast.
 */
export type VariantResolver = (
  request: PageRequest,
  meta: VariantMeta,
) => Promise<VariantChoice | null> | VariantChoice | null;

/** What the cache can do for a request. */
export type CacheOutcome =
  /** Send this stored page. */
  | {
      readonly kind: 'serve';
      readonly page: CachedPage;
      readonly shared: boolean;
      readonly setCookies: readonly string[];
    }
  /** Send the reader elsewhere first (a consent to give). */
  | { readonly kind: 'redirect'; readonly location: string }
  /** The version chosen is not stored yet: the route renders it, taking this choice. */
  | { readonly kind: 'render'; readonly choice: VariantChoice }
  /** Nothing to do: the route answers. */
  | null;

/** Browsers and CDNs may keep a page briefly and serve it stale while they fetch the new one. */
export const PAGE_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';
/**
 * A version chosen for one reader: no shared cache keeps it, and the browser asks again each time
 * (answered 304 while the same version stays right), so signing in or using up the free articles
 * shows at once.
 */
export const PRIVATE_PAGE_CACHE_CONTROL = 'private, no-cache';

/**
 * Finds the stored page for a GET or HEAD request and, for a URL with versions, asks its resolver.
 * Synchronous whenever the resolver is (every anonymous reader): the front door then answers
 * without waiting on a promise.
 */
export function lookUpCached(
  cache: PageCache,
  resolvers: ReadonlyMap<string, VariantResolver>,
  request: PageRequest,
): CacheOutcome | Promise<CacheOutcome> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const entry = cache.get(request.url);
  if (!entry) return null;
  if (!isVaried(entry)) return { kind: 'serve', page: entry, shared: true, setCookies: NONE };
  const resolver = resolvers.get(entry.resolver);
  if (!resolver) return null;
  const choice = resolver(request, entry.meta);
  return choice instanceof Promise ? choice.then((c) => outcomeOf(entry, c)) : outcomeOf(entry, choice);
}

const NONE: readonly string[] = [];

function outcomeOf(entry: VariedPage, choice: VariantChoice | null): CacheOutcome {
  if (!choice) return null;
  if ('redirect' in choice) return { kind: 'redirect', location: choice.redirect };
  const page = entry.versions.get(choice.variant);
  if (!page) return { kind: 'render', choice };
  return { kind: 'serve', page, shared: choice.shared, setCookies: choice.setCookies ?? NONE };
}

/** A stored page as the response to one request: 304 when the browser holds it, else the encoding it accepts. */
export interface PageResponse {
  readonly status: 200 | 304;
  /** Every header but the per-request ones (request id, cookies, x-cache). Shared: copy before adding. */
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: Buffer | null;
}

/**
 * The response for a stored page. Its headers are worked out once per page and kind of answer
 * (shared or private, 304, each encoding) and reused: a hit then costs a lookup, not a dozen
 * header strings built and joined.
 */
export function pageResponse(page: CachedPage, shared: boolean, request: IncomingHttpHeaders): PageResponse {
  const slots = preparedFor(page);
  const base = shared ? 0 : 4;
  if (request['if-none-match'] === page.etag) {
    const headers = slots[base + 3] ?? headersFor(page, shared, null);
    slots[base + 3] = headers;
    return { status: 304, headers, body: null };
  }
  const encoding = chooseEncoding(request['accept-encoding']);
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
  const slot = base + (encoding === 'br' ? 1 : encoding === 'gzip' ? 2 : 0);
  const headers = slots[slot] ?? headersFor(page, shared, encoding);
  slots[slot] = headers;
  return { status: 200, headers, body };
}

type Prepared = (Readonly<Record<string, string | number>> | undefined)[];
const prepared = new WeakMap<CachedPage, Prepared>();

function preparedFor(page: CachedPage): Prepared {
  let slots = prepared.get(page);
  if (!slots) {
    slots = [];
    prepared.set(page, slots);
  }
  return slots;
}

/** Everything but the length, which the door sending the body sets. */
function headersFor(
  page: CachedPage,
  shared: boolean,
  encoding: 'br' | 'gzip' | null,
): Readonly<Record<string, string | number>> {
  const headers: Record<string, string | number> = {
    ...page.headers,
    'content-type': page.contentType,
    etag: page.etag,
    'cache-control': shared ? PAGE_CACHE_CONTROL : PRIVATE_PAGE_CACHE_CONTROL,
    // A version chosen from the reader's cookies must not be handed to a reader with other cookies.
    vary: shared ? 'accept-encoding' : 'accept-encoding, cookie',
  };
  if (page.keyHeader) headers['surrogate-key'] = page.keyHeader;
  if (encoding) headers['content-encoding'] = encoding;
  return Object.freeze(headers);
}

/**
 * Headers a response carries that must never be replayed to another reader, or that the cache
 * sets itself on every answer.
 */
const NOT_KEPT = new Set([
  'set-cookie',
  'x-request-id',
  'x-cache',
  'content-length',
  'content-encoding',
  'content-type',
  'surrogate-key',
  'etag',
  'cache-control',
  'vary',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/** The headers of a rendered response that every later reader of the stored page gets too. */
export function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_KEPT.has(name.toLowerCase())) continue;
    kept[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
}
