import type { Clock } from '../clock.js';
import { isoTime } from '../clock.js';
import type { Db } from '../database/database.js';
import { newId } from '../ids.js';
import type { PageCache } from './page-cache.js';

/** How far back each sync looks: a transaction that took a number early may commit late. */
const LOOKBACK_MS = 60_000;
/** Purge rows are only needed until every process has read them. */
const KEEP_MS = 60 * 60_000;

/** Records, inside the caller's transaction, that pages with these keys must go once it commits. */
export async function queuePurge(trx: Db, clock: Clock, keys: Iterable<string>): Promise<void> {
  const list = [...new Set(keys)];
  if (list.length === 0) return;
  await trx
    .insertInto('cache_purges')
    .values({
      id: newId(clock.now().getTime()),
      keys: JSON.stringify(list),
      created_at: isoTime(clock.now()),
    })
    .execute();
}

/**
 * Follows the purge log for one process's page cache: each sync applies the purges committed since
 * the last one. Writers in this process call sync() right after committing, so their change is live
 * on the very next request; changes from other processes arrive within one poll interval.
 */
export class PurgeFollower {
  readonly #seen = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #lastCleanup = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cache: PageCache,
  ) {}

  /** Applies every purge not applied yet. Concurrent calls share one run. */
  sync(): Promise<void> {
    this.#running ??= this.#sync().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  start(intervalMs = 1000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.sync().catch(() => {
        // A failed poll (database busy or gone) is retried at the next tick; readiness reports the database.
      });
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #sync(): Promise<void> {
    const now = this.clock.now().getTime();
    const since = isoTime(new Date(now - LOOKBACK_MS));
    const rows = await this.db
      .selectFrom('cache_purges')
      .select(['id', 'keys', 'created_at'])
      .where('created_at', '>=', since)
      .execute();
    for (const row of rows) {
      if (this.#seen.has(row.id)) continue;
      this.#seen.set(row.id, Date.parse(row.created_at));
      this.cache.purge(JSON.parse(row.keys) as string[]);
    }
    for (const [id, at] of this.#seen) if (at < now - 2 * LOOKBACK_MS) this.#seen.delete(id);
    if (now - this.#lastCleanup > 5 * 60_000) {
      this.#lastCleanup = now;
      await this.db
        .deleteFrom('cache_purges')
        .where('created_at', '<', isoTime(new Date(now - KEEP_MS)))
        .execute();
    }
  }
}

/**
 * One write, then its purges applied here at once: the change is live on the very next request to
 * this process (the publish-to-live budget), and on other processes within a poll.
 */
export async function writeThenPurge<T>(
  deps: { database: { db: Db }; purges: PurgeFollower },
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  const result = await deps.database.db.transaction().execute(work);
  await deps.purges.sync();
  return result;
}
