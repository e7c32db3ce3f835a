import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One cached page, with the encodings readers' browsers ask for made once, at store time. */
export interface CachedPage {
  readonly identity: Buffer;
  readonly gzip: Buffer;
  /** Made on the first request that asks for it, not on the render: the render is the budgeted path. */
  readonly br: Buffer;
  readonly etag: string;
  readonly contentType: string;
  readonly keys: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly storedAt: number;
}

export interface PageCacheOptions {
  /** Most pages kept; the least recently used go first. */
  maxEntries?: number;
  /**
   * A safety net, not the mechanism: purges keep pages current; this bounds how long a page can
   * outlive a change nothing announced (a legal version whose effective time arrives).
   */
  maxAgeMs?: number;
}

/**
 * Rendered reader pages in memory, by URL, with an index from surrogate key to URLs so a change
 * purges exactly the pages that show it (ADR 0008). Map insertion order gives LRU for free: a hit
 * moves the entry to the end, eviction takes from the front.
 */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  readonly #byKey = new Map<string, Set<string>>();
  readonly #max: number;
  readonly #maxAge: number;

  constructor(options: PageCacheOptions = {}) {
    this.#max = options.maxEntries ?? 5000;
    this.#maxAge = options.maxAgeMs ?? 5 * 60_000;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(url: string): CachedPage | undefined {
    const page = this.#entries.get(url);
    if (page && Date.now() - page.storedAt > this.#maxAge) {
      this.#remove(url);
      return undefined;
    }
    if (page) {
      this.#entries.delete(url);
      this.#entries.set(url, page);
    }
    return page;
  }

  /** Stores a rendered page under its URL and keys, compressing it once for every later reader. */
  store(
    url: string,
    body: string | Buffer,
    contentType: string,
    keys: string[],
    headers: Record<string, string> = {},
  ) {
    const identity = typeof body === 'string' ? Buffer.from(body) : body;
    let br: Buffer | null = null;
    const page: CachedPage = {
      identity,
      gzip: gzipSync(identity, { level: 6 }),
      // Quality 5 compresses a 40 KB page in about a millisecond and within a few percent of 11.
      get br() {
        br ??= brotliCompressSync(identity, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 5,
            [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
          },
        });
        return br;
      },
      etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
      contentType,
      keys,
      headers,
      storedAt: Date.now(),
    };
    this.#remove(url);
    this.#entries.set(url, page);
    for (const key of keys) {
      const urls = this.#byKey.get(key) ?? new Set<string>();
      urls.add(url);
      this.#byKey.set(key, urls);
    }
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#remove(oldest);
    }
    return page;
  }

  /** Drops every page that carries any of the keys; returns how many went. */
  purge(keys: Iterable<string>): number {
    let purged = 0;
    for (const key of keys) {
      const urls = this.#byKey.get(key);
      if (!urls) continue;
      for (const url of [...urls]) {
        if (this.#remove(url)) purged++;
      }
    }
    return purged;
  }

  clear(): void {
    this.#entries.clear();
    this.#byKey.clear();
  }

  #remove(url: string): boolean {
    const page = this.#entries.get(url);
    if (!page) return false;
    this.#entries.delete(url);
    for (const key of page.keys) {
      const urls = this.#byKey.get(key);
      urls?.delete(url);
      if (urls?.size === 0) this.#byKey.delete(key);
    }
    return true;
  }
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
