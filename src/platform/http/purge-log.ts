import type { Clock } from '../clock.js';
import { isoTime } from '../clock.js';
import type { Db } from '../database/database.js';
import { newId } from '../ids.js';
import type { EdgePurges } from './edge-purges.js';
import type { PageCache } from './page-cache.js';
import type { PurgeChannel, PurgeMessage } from './purge-channel.js';

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
 * on the very next request; changes from other processes arrive within one poll interval, or at once
 * with a channel (Redis pub/sub when REDIS_URL is set): a purge found in the log is announced there, and
 * one announced by another process is applied on arrival. A sync returns once its announcements are
 * passed on, so the writer's answer never overtakes them: live on the very next request, on every
 * process. The log stays the truth: announcements may be lost, so the poll runs on, and the log is
 * read again each time the channel reconnects.
 *
 * With edges (EDGE_PURGE_URLS), each purge is also sent to them, by one process only: the first to find
 * it unclaimed in the log claims it (ADR 0022). The writer's own sync, right after its commit, is
 * usually first; a writer that stops before it (the CLI importer) is covered by the others' next poll.
 */
export class PurgeFollower {
  readonly #seen = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #next: Promise<void> | null = null;
  #lastCleanup = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cache: PageCache,
    private readonly channel: PurgeChannel | null = null,
    private readonly edges: EdgePurges | null = null,
  ) {}

  /**
   * Applies every purge committed before the call. A call while a run is under way (the poll's) waits
   * for one more run after it, shared by every such call: the run under way may have read the log
   * before the caller's change committed.
   */
  sync(): Promise<void> {
    if (this.#running) {
      this.#next ??= this.#running
        .catch(() => {})
        .then(() => {
          this.#next = null;
          return this.sync();
        });
      return this.#next;
    }
    this.#running = this.#sync().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  start(intervalMs = 1000): void {
    if (this.#timer) return;
    this.channel?.listen(
      (purge) => this.#apply(purge),
      () => void this.sync().catch(() => {}),
    );
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
    void this.channel?.close();
  }

  /** Gives the edges' queues at most `ms` to send what they hold (a process stopping). */
  async flushEdges(ms: number): Promise<void> {
    await this.edges?.flush(ms);
  }

  /** Applies one purge unless already applied; true when it was new. */
  #apply(purge: PurgeMessage): boolean {
    if (this.#seen.has(purge.id)) return false;
    this.#seen.set(purge.id, Date.parse(purge.at));
    this.cache.purge([...purge.keys]);
    return true;
  }

  async #claimForEdges(edges: EdgePurges, ids: string[], now: number): Promise<void> {
    try {
      for (const row of await claim(this.db, ids, now)) edges.send(JSON.parse(row.keys) as string[]);
    } catch {
      // Left unclaimed: this process or another claims it at the next poll. The change has committed.
    }
  }

  async #sync(): Promise<void> {
    const now = this.clock.now().getTime();
    const since = isoTime(new Date(now - LOOKBACK_MS));
    const rows = await this.db
      .selectFrom('cache_purges')
      .select(['id', 'keys', 'created_at', 'edge_claimed_at'])
      .where('created_at', '>=', since)
      .execute();
    const found: PurgeMessage[] = [];
    for (const row of rows) {
      const purge = { id: row.id, keys: JSON.parse(row.keys) as string[], at: row.created_at };
      if (this.#apply(purge)) found.push(purge);
    }
    // Awaited: the writer's answer must not reach the reader before the other processes have the purge
    // (publish-to-live on every process, not only this one).
    if (found.length > 0) await this.channel?.announce(found);
    const unclaimed = rows.filter((row) => row.edge_claimed_at === null).map((row) => row.id);
    if (this.edges && unclaimed.length > 0) await this.#claimForEdges(this.edges, unclaimed, now);
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
 * Sends to the edges the purges this process claims. Only one process's update can change a row
 * from unclaimed, so each purge reaches each edge once however many processes follow the log.
 */
async function claim(db: Db, ids: string[], now: number): Promise<{ id: string; keys: string }[]> {
  return db
    .updateTable('cache_purges')
    .set({ edge_claimed_at: isoTime(new Date(now)) })
    .where('id', 'in', ids)
    .where('edge_claimed_at', 'is', null)
    .returning(['id', 'keys'])
    .execute();
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
