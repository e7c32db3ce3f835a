import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Clock, systemClock } from '../clock.js';

/** One cached page, with each encoding made once, by the first request that asks for it. */
export interface CachedPage {
  readonly identity: Buffer;
  /** Compressed on first use, not at store time: the render is the budgeted path, and most browsers ask for br. */
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
  readonly contentType: string;
  readonly keys: readonly string[];
  /** The `Surrogate-Key` header sent with the page: its keys, or null when no cache in front reads them. */
  readonly keyHeader: string | null;
  /**
   * The rest of the headers the route's response carried that are the same for every reader
   * (a TDM reservation, say), replayed on every hit; per-request ones are never kept.
   */
  readonly headers: Readonly<Record<string, string>>;
  readonly storedAt: number;
}

/** What a resolver needs to choose among a URL's versions without a database query. */
export type VariantMeta = Readonly<Record<string, string | number | boolean>>;

/** Names one version of a URL that has several (the full and the cut article page). */
export interface VariantOf {
  /** The resolver that chooses among the versions (see page-cache-plugin.ts). */
  readonly resolver: string;
  /** This version's name. */
  readonly name: string;
  /** The same for every version of the URL; a version stored with other meta replaces the others. */
  readonly meta: VariantMeta;
}

/** A URL whose versions a resolver chooses among, request by request. */
export interface VariedPage {
  readonly resolver: string;
  readonly meta: VariantMeta;
  /** The versions rendered so far, by name: a version is stored the first time a reader needs it. */
  readonly versions: ReadonlyMap<string, CachedPage>;
}

/** What the cache holds for a URL: one page for every reader, or versions to choose among. */
export type CachedUrl = CachedPage | VariedPage;

export function isVaried(entry: CachedUrl): entry is VariedPage {
  return 'versions' in entry;
}

/** What one stored page weighs, and the entry it counts in while it is stored (null once it is not). */
interface Weight {
  bytes: number;
  entry: Entry | null;
}

interface Entry {
  page: CachedPage | null;
  varied: { resolver: string; meta: VariantMeta; versions: Map<string, CachedPage> } | null;
  /** Every key any of its pages was stored with, so removing the entry leaves no index behind. */
  keys: Set<string>;
  /** When the entry's oldest page was stored: the safety TTL counts from there. */
  storedAt: number;
  /** The cache's move count when the entry last moved to the newest end. */
  moved: number;
  /** Its pages' weights by version name ('' for the one page for every reader), and their sum. */
  weights: Map<string, Weight>;
  bytes: number;
}

/** What the cache holds and how well it serves, for `masthead doctor` and the staff's cache endpoint. */
export interface PageCacheStats {
  /** URLs kept (a URL with several versions counts once). */
  readonly entries: number;
  /** Their bodies in every encoding made so far, with an estimate of the bookkeeping around each. */
  readonly bytes: number;
  readonly maxBytes: number;
  /** Lookups that found the page, and pages that had to be rendered and stored. */
  readonly hits: number;
  readonly misses: number;
  /** hits / (hits + misses), 0 before any. */
  readonly hitRatio: number;
  /** URLs dropped, least recently used first, to stay within maxBytes (purges and age are not counted). */
  readonly evictions: number;
}

/**
 * What a stored page costs beyond its bodies, estimated rather than measured per page: the entry and page
 * objects, the map slots and the key index's sets (the URL, ETag, keys and headers are added by length).
 */
const PAGE_OVERHEAD_BYTES = 1024;

/** PAGE_CACHE_MB's default (config.ts, ADR 0030): about 950 demo article pages of 28 KB with their brotli copies. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;

export interface PageCacheOptions {
  /**
   * Most bytes kept (PAGE_CACHE_MB): the least recently used URLs go first. Bytes, not entries, because
   * pages differ tenfold in size and memory is what runs out (issue 15).
   */
  maxBytes?: number;
  /**
   * A safety net, not the mechanism: purges keep pages current; this bounds how long a page can
   * outlive a change nothing announced (a legal version whose effective time arrives).
   */
  maxAgeMs?: number;
  /** The process's clock (Deps), so a test can age pages without waiting. */
  clock?: Clock;
  /** Whether pages are sent with their `Surrogate-Key` header (config.surrogateKeyHeader); default true. */
  surrogateKeyHeader?: boolean;
}

/**
 * Rendered reader pages in memory, by URL, with an index from surrogate key to URLs so a change
 * purges exactly the pages that show it (ADR 0008). A URL may hold several versions of its page
 * (ADR 0010): they are stored, aged and purged together. Map insertion order gives LRU for free:
 * a hit moves the entry to the end (unless it is in the newer half already), eviction takes from
 * the front until the pages' bytes are within maxBytes. A page's br and gzip copies, made on first
 * use, count from then on.
 */
/** How many purges a render may span and still be checked key by key: renders take milliseconds. */
const RECENT_PURGES = 256;

export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #byKey = new Map<string, Set<string>>();
  readonly #maxBytes: number;
  readonly #maxAge: number;
  readonly #clock: Clock;
  /** Whether answers carry the `Surrogate-Key` header (the keys are indexed here either way). */
  readonly surrogateKeyHeader: boolean;
  /** Entries moved to the newest end so far (stored or bumped). */
  #moves = 0;
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;
  readonly #purgeListeners: ((keys: readonly string[]) => void)[] = [];
  /** Purges so far, and the last RECENT_PURGES of them with their keys (see `purgedSince`). */
  #purgeCount = 0;
  readonly #recentPurges: { count: number; keys: ReadonlySet<string> | 'all' }[] = [];

  constructor(options: PageCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES;
    this.#maxAge = options.maxAgeMs ?? 5 * 60_000;
    this.#clock = options.clock ?? systemClock;
    this.surrogateKeyHeader = options.surrogateKeyHeader ?? true;
  }

  get size(): number {
    return this.#entries.size;
  }

  stats(): PageCacheStats {
    const looked = this.#hits + this.#misses;
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      maxBytes: this.#maxBytes,
      hits: this.#hits,
      misses: this.#misses,
      hitRatio: looked === 0 ? 0 : this.#hits / looked,
      evictions: this.#evictions,
    };
  }

  /** Whether anything is stored for the URL (it may still have outlived its age: `get` decides). */
  has(url: string): boolean {
    return this.#entries.has(url);
  }

  /** The page for every reader, or the versions to choose among; undefined when nothing is cached. */
  get(url: string): CachedUrl | undefined {
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    if (this.#clock.now().getTime() - entry.storedAt > this.#maxAge) {
      this.#remove(url);
      return undefined;
    }
    this.#hits++;
    // An entry moved fewer than size/2 moves ago is in the newer half, far from eviction: moving it
    // again on every hit (a Map delete and insert) would cost the busiest pages the most.
    if (this.#moves - entry.moved >= this.#entries.size / 2) {
      this.#entries.delete(url);
      this.#entries.set(url, entry);
      entry.moved = ++this.#moves;
    }
    return entry.page ?? entry.varied ?? undefined;
  }

  /**
   * Stores a rendered page under its URL and keys, compressing it once for every later reader. With
   * `variant`, the page is one version of the URL: other versions stored with the same resolver and
   * meta stay beside it; anything else under the URL is replaced.
   */
  store(
    url: string,
    body: string | Buffer,
    contentType: string,
    keys: string[],
    variant?: VariantOf,
    headers: Readonly<Record<string, string>> = {},
  ) {
    this.#misses++;
    const weight: Weight = { bytes: 0, entry: null };
    const keyHeader = this.surrogateKeyHeader && keys.length > 0 ? keys.join(' ') : null;
    const page = compressed(
      body,
      contentType,
      keys,
      keyHeader,
      headers,
      this.#clock.now().getTime(),
      (bytes) => this.#grow(weight, bytes),
    );
    weight.bytes =
      PAGE_OVERHEAD_BYTES + url.length + page.identity.length + page.etag.length + keyBytes(keys);
    for (const [name, value] of Object.entries(headers)) weight.bytes += name.length + value.length;
    const previous = this.#entries.get(url);
    const varied = previous?.varied;
    if (previous && variant && varied?.resolver === variant.resolver && sameMeta(varied.meta, variant.meta)) {
      // The lookup before this render found the URL (a hit) but not this reader's version: a miss.
      if (!varied.versions.has(variant.name) && this.#hits > 0) this.#hits--;
      varied.versions.set(variant.name, page);
      this.#index(url, previous, keys);
      this.#weigh(previous, variant.name, weight);
      this.#evictOverBudget();
      return page;
    }
    this.#remove(url);
    const entry: Entry = {
      page: variant ? null : page,
      varied: variant
        ? { resolver: variant.resolver, meta: variant.meta, versions: new Map([[variant.name, page]]) }
        : null,
      keys: new Set(),
      storedAt: page.storedAt,
      moved: ++this.#moves,
      weights: new Map(),
      bytes: 0,
    };
    this.#entries.set(url, entry);
    this.#index(url, entry, keys);
    this.#weigh(entry, variant?.name ?? '', weight);
    this.#evictOverBudget();
    return page;
  }

  /**
   * Calls `listener` with the keys of every purge, for values kept beside the pages that the same
   * changes make stale (the TDM reservation read from settings, which purge `site`).
   */
  onPurge(listener: (keys: readonly string[]) => void): void {
    this.#purgeListeners.push(listener);
  }

  /**
   * Where purges stand now, for a render about to read the database: `purgedSince` with it, when the
   * render is done, says whether a change it may have missed was announced meanwhile.
   */
  purgeMark(): number {
    return this.#purgeCount;
  }

  /**
   * Whether a purge naming any of `keys` came after `mark`. A render that read the database before a
   * change committed, and ends after that change's purge, holds the old page: stored, it would outlive
   * the purge meant for it until its age ran out. When the purges since `mark` are no longer all
   * remembered (more than RECENT_PURGES), the answer is yes.
   */
  purgedSince(mark: number, keys: readonly string[]): boolean {
    if (mark === this.#purgeCount) return false;
    const oldest = this.#recentPurges[0];
    if (!oldest || oldest.count > mark + 1) return true;
    return this.#recentPurges.some(({ count, keys: purged }) => {
      if (count <= mark) return false;
      return purged === 'all' || keys.some((key) => purged.has(key));
    });
  }

  #remember(keys: ReadonlySet<string> | 'all'): void {
    this.#purgeCount += 1;
    this.#recentPurges.push({ count: this.#purgeCount, keys });
    if (this.#recentPurges.length > RECENT_PURGES) this.#recentPurges.shift();
  }

  /** Drops every URL (all its versions) that carries any of the keys; returns how many went. */
  purge(keys: Iterable<string>): number {
    const list = [...keys];
    this.#remember(new Set(list));
    for (const listener of this.#purgeListeners) listener(list);
    let purged = 0;
    for (const key of list) {
      const urls = this.#byKey.get(key);
      if (!urls) continue;
      for (const url of [...urls]) {
        if (this.#remove(url)) purged++;
      }
    }
    return purged;
  }

  clear(): void {
    this.#remember('all');
    for (const url of [...this.#entries.keys()]) this.#remove(url);
  }

  /** Counts a page in its entry, in place of the version it replaces. */
  #weigh(entry: Entry, name: string, weight: Weight) {
    const replaced = entry.weights.get(name);
    if (replaced) {
      replaced.entry = null;
      entry.bytes -= replaced.bytes;
      this.#bytes -= replaced.bytes;
    }
    weight.entry = entry;
    entry.weights.set(name, weight);
    entry.bytes += weight.bytes;
    this.#bytes += weight.bytes;
  }

  /** A page's br or gzip copy was just made: it counts while the page is stored. */
  #grow(weight: Weight, bytes: number) {
    weight.bytes += bytes;
    if (!weight.entry) return;
    weight.entry.bytes += bytes;
    this.#bytes += bytes;
    this.#evictOverBudget();
  }

  #evictOverBudget() {
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#remove(oldest);
      this.#evictions++;
    }
  }

  #index(url: string, entry: Entry, keys: readonly string[]) {
    for (const key of keys) {
      entry.keys.add(key);
      const urls = this.#byKey.get(key) ?? new Set<string>();
      urls.add(url);
      this.#byKey.set(key, urls);
    }
  }

  #remove(url: string): boolean {
    const entry = this.#entries.get(url);
    if (!entry) return false;
    this.#entries.delete(url);
    for (const weight of entry.weights.values()) weight.entry = null;
    this.#bytes -= entry.bytes;
    for (const key of entry.keys) {
      const urls = this.#byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.#byKey.delete(key);
    }
    return true;
  }
}

function compressed(
  body: string | Buffer,
  contentType: string,
  keys: readonly string[],
  keyHeader: string | null,
  headers: Readonly<Record<string, string>>,
  storedAt: number,
  grew: (bytes: number) => void,
): CachedPage {
  const identity = ownBytes(typeof body === 'string' ? Buffer.from(body) : body);
  let br: Buffer | null = null;
  let gzip: Buffer | null = null;
  return {
    identity,
    get gzip() {
      if (!gzip) {
        gzip = ownBytes(gzipSync(identity, { level: 6 }));
        grew(gzip.length);
      }
      return gzip;
    },
    // Quality 5 compresses a 20 KB article page in about 0.3 ms, within a few percent of 11; quality 4
    // measured no faster at this size.
    get br() {
      if (!br) {
        br = ownBytes(
          brotliCompressSync(identity, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
            },
          }),
        );
        grew(br.length);
      }
      return br;
    },
    etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
    contentType,
    keys,
    keyHeader,
    headers,
    storedAt,
  };
}

/**
 * The bytes in a memory block of their own, so a page holds what the cache counts. zlib's one-shot calls
 * return a slice of their 16 KB output chunk (a 7 KB brotli page kept 16 KB), and Buffer.from of a string
 * under 4 KB is a slice of Node's shared 8 KB pool, which a cached page would pin whole (issue 15).
 */
function ownBytes(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.byteLength);
  bytes.copy(own);
  return own;
}

function keyBytes(keys: readonly string[]): number {
  let bytes = 0;
  for (const key of keys) bytes += key.length;
  return bytes;
}

function sameMeta(a: VariantMeta, b: VariantMeta): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** The encoding to send for an Accept-Encoding header: brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return null;
}
