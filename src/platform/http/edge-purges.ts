/** What the edge purger says: each purge sent (with how long it took), retries, and purges given up. */
export interface EdgePurgeLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface EdgePurgeOptions {
  /** The edges' purge addresses (EDGE_PURGE_URLS): a PURGE request with an `xkey` header goes to each. */
  readonly urls: readonly URL[];
  readonly logger: EdgePurgeLogger;
  /** Purges waiting for one edge before they are merged into one purge of the whole site. */
  readonly maxWaiting?: number;
  /** Tries for one request before it is given up (logged): about a minute and a half of backoff. */
  readonly attempts?: number;
  readonly firstRetryMs?: number;
  readonly timeoutMs?: number;
  /** When each purge is sent again (see `send`): past the purge log's one-second poll. */
  readonly repeatAfterMs?: number;
}

/** Every page carries this key (`CacheKey.site`): purging it empties the edge of pages, not of media. */
const EVERY_PAGE = 'site';
/** Keys in one request: an `xkey` header stays far below Varnish's 8 KB header limit. */
const KEYS_PER_REQUEST = 200;
const MAX_RETRY_MS = 30_000;

/**
 * Sends purges to the edge caches in front of Masthead (issue 15, ADR 0022), by surrogate key, off the
 * path of the change that caused them: `send` only queues. Each edge has its own queue, so an edge that
 * is away holds back no other; its purges wait (merged into one request once it answers), retried with
 * backoff. The queue is bounded: past `maxWaiting` purges, they become one purge of every page, which
 * is always right, only costlier for the edge.
 */
export class EdgePurges {
  readonly #edges: EdgeQueue[];
  readonly #repeatAfterMs: number;
  /** Repeats not sent yet, with their keys. */
  readonly #repeats = new Map<NodeJS.Timeout, readonly string[]>();

  constructor(options: EdgePurgeOptions) {
    this.#edges = options.urls.map((url) => new EdgeQueue(url, options));
    this.#repeatAfterMs = options.repeatAfterMs ?? 1_500;
  }

  /**
   * Queues one purge for every edge, and the same again `repeatAfterMs` later; never throws, never
   * waits. The repeat is for several processes: the edge may refill a page, right after the first
   * purge, from a process that has not applied the purge to its own page cache yet (Redis delayed or
   * away, the one-second poll pending). The second purge, sent once every process has had its poll,
   * removes such a copy, so it lives at the edge for about a second at most.
   */
  send(keys: readonly string[]): void {
    if (keys.length === 0) return;
    const queued = Date.now();
    for (const edge of this.#edges) edge.add(keys, queued);
    const again = setTimeout(() => this.#repeat(again, keys), this.#repeatAfterMs);
    again.unref();
    this.#repeats.set(again, keys);
  }

  #repeat(timer: NodeJS.Timeout, keys: readonly string[]): void {
    this.#repeats.delete(timer);
    const queued = Date.now();
    for (const edge of this.#edges) edge.add(keys, queued);
  }

  /** Waits, at most `ms`, for every edge's queue to empty (a process stopping sends what it holds). */
  async flush(ms: number): Promise<void> {
    const end = Date.now() + ms;
    for (const [timer, keys] of this.#repeats) {
      clearTimeout(timer);
      this.#repeat(timer, keys);
    }
    while (this.#edges.some((edge) => edge.busy) && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

class EdgeQueue {
  /** Keys waiting, with when the oldest of them was queued. */
  #waiting = new Set<string>();
  #purges = 0;
  #since = 0;
  #sending = false;
  readonly #maxWaiting: number;
  readonly #attempts: number;
  readonly #firstRetryMs: number;
  readonly #timeoutMs: number;

  constructor(
    private readonly url: URL,
    private readonly options: EdgePurgeOptions,
  ) {
    this.#maxWaiting = options.maxWaiting ?? 1000;
    this.#attempts = options.attempts ?? 8;
    this.#firstRetryMs = options.firstRetryMs ?? 250;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  get busy(): boolean {
    return this.#sending || this.#waiting.size > 0;
  }

  add(keys: readonly string[], queued: number): void {
    if (this.#waiting.size === 0) this.#since = queued;
    this.#purges += 1;
    if (this.#purges > this.#maxWaiting && !this.#waiting.has(EVERY_PAGE)) {
      this.options.logger.warn(
        { edge: this.url.host, waiting: this.#purges },
        'edge purge: too many purges waiting for this edge; they become one purge of every page',
      );
    }
    if (this.#waiting.has(EVERY_PAGE) || this.#purges > this.#maxWaiting) {
      this.#waiting = new Set([EVERY_PAGE]);
    } else {
      for (const key of keys) this.#waiting.add(key);
    }
    if (!this.#sending) void this.#sendAll();
  }

  async #sendAll(): Promise<void> {
    this.#sending = true;
    try {
      while (this.#waiting.size > 0) {
        const keys = [...this.#waiting].slice(0, KEYS_PER_REQUEST);
        for (const key of keys) this.#waiting.delete(key);
        const since = this.#since;
        if (this.#waiting.size === 0) this.#purges = 0;
        await this.#deliver(keys, since);
      }
    } finally {
      this.#sending = false;
    }
  }

  /** One request, tried until it succeeds, is refused for good, or runs out of tries. */
  async #deliver(keys: string[], since: number): Promise<void> {
    const { logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        const response = await fetch(this.url, {
          method: 'PURGE',
          headers: { xkey: keys.join(' ') },
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        await response.arrayBuffer();
        if (response.ok) {
          logger.info(
            { edge: this.url.host, keys: keys.length, ms: Date.now() - since, attempt },
            'edge purge sent',
          );
          return;
        }
        // Refused (not in the edge's purgers list, or no xkey there): asking again will not change it.
        if (response.status === 403 || response.status === 405 || response.status === 501) {
          logger.warn(
            { edge: this.url.host, status: response.status, keys },
            'edge purge refused: list this address among the purgers in the edge (deploy/varnish/masthead.vcl)',
          );
          return;
        }
        failure = `HTTP ${response.status}`;
      } catch (error) {
        failure =
          error instanceof Error
            ? (error.cause as Error | undefined)?.message || error.message
            : String(error);
      }
      if (attempt >= this.#attempts) {
        logger.warn(
          { edge: this.url.host, err: failure, attempts: attempt, keys },
          'edge purge given up: the edge keeps these pages until their time there runs out',
        );
        return;
      }
      if (attempt === 1) {
        logger.warn({ edge: this.url.host, err: failure }, 'edge purge failed; retrying with backoff');
      }
      const wait = Math.min(this.#firstRetryMs * 2 ** (attempt - 1), MAX_RETRY_MS);
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
    }
  }
}
