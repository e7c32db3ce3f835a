/**
 * One render per cold page at a time (issue 15). When many readers ask at once for a page the cache does
 * not hold yet (a story just published and shared), the first request renders it and the others wait for
 * that render, then are served from the cache: on PostgreSQL 200 simultaneous requests for a cold article
 * otherwise made 200 renders, each with its queries. Keyed by URL and the version chosen (the wall's full
 * or cut page), so a reader who needs another version is not kept waiting for one they cannot have.
 */
export class RendersInFlight {
  readonly #waiting = new Map<string, { promise: Promise<void>; done: () => void }>();

  /** How long a follower waits for the leader before rendering itself (a render that hangs must not hang everyone). */
  constructor(readonly maxWaitMs = 5_000) {}

  /**
   * For the first request of a key: a function to call when its render is over (stored or not); for the
   * others: null, and `wait(key)` to await the leader.
   */
  lead(key: string): (() => void) | null {
    if (this.#waiting.has(key)) return null;
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      done = resolve;
    });
    const entry = {
      promise,
      done: () => {
        if (this.#waiting.get(key) === entry) this.#waiting.delete(key);
        done();
      },
    };
    this.#waiting.set(key, entry);
    return entry.done;
  }

  /** Resolves when the leader's render is over, or after `maxWaitMs`, whichever is first. */
  async wait(key: string): Promise<void> {
    const entry = this.#waiting.get(key);
    if (!entry) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.maxWaitMs);
    });
    await Promise.race([entry.promise, late]);
    clearTimeout(timer);
  }

  get size(): number {
    return this.#waiting.size;
  }
}
