import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';

/**
 * Upkeep of SQLite's search index (FTS5). Every write to the index adds a segment, and FTS5's own
 * automerge only combines four of one size, so a paper written one article at a time keeps a dozen
 * or more. Looking up one article's row in the index opens every segment: the search page's
 * highlighted rows took 2.5 ms with the bench archive's 14 segments and 0.6 ms with one (100,000
 * articles). This merges them in small steps, each its own short write, with a pause between, so
 * no publish waits behind it for long and readers' requests run in between (the driver is
 * synchronous: a step holds the process, 30 ms at most in the same measurement). PostgreSQL's GIN
 * index needs nothing of this kind: autovacuum folds its pending list in.
 */

export const SEARCH_TIDY_JOB = 'search.tidy';
/** How often the worker asks for a tidy: segments build up over hours of writing, not seconds. */
export const SEARCH_TIDY_EVERY_MS = 60 * 60_000;
/** Pages written per merge step: a few milliseconds of work, rarely tens. */
const PAGES_PER_STEP = 16;
const PAUSE_MS = 20;
/** A bound on the work of one tidy; the next one goes on from where this stopped. */
const MAX_STEPS = 5000;

export interface TidyReport {
  /** Merge steps that did work. */
  steps: number;
  /** The index's segments before and after. */
  segmentsBefore: number;
  segmentsAfter: number;
}

/**
 * Merges the SQLite search index's segments towards one, in bounded steps. First merges of
 * segments of the same size (cheap), then across sizes, as FTS5's 'optimize' would in one long
 * write. A step that changes fewer than two rows found nothing to merge (the FTS5 manual's test).
 */
export async function tidySearchIndex(db: Db, pauseMs = PAUSE_MS): Promise<TidyReport> {
  const segmentsBefore = await segments(db);
  // Two segments of one size are enough to merge (the default, four, leaves up to three per size).
  await sql`insert into articles_search (articles_search, rank) values ('usermerge', 2)`.execute(db);
  let steps = 0;
  for (const pages of [PAGES_PER_STEP, -PAGES_PER_STEP]) {
    while (steps < MAX_STEPS && (await mergeStep(db, pages))) {
      steps++;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return { steps, segmentsBefore, segmentsAfter: await segments(db) };
}

/** One merge step on one connection (the change count is the connection's); true when it merged. */
function mergeStep(db: Db, pages: number): Promise<boolean> {
  return db.connection().execute(async (connection) => {
    const changes = async () =>
      (await sql<{ n: number }>`select total_changes() as n`.execute(connection)).rows[0]?.n ?? 0;
    const before = await changes();
    await sql`insert into articles_search (articles_search, rank) values ('merge', ${pages})`.execute(
      connection,
    );
    return (await changes()) - before >= 2;
  });
}

async function segments(db: Db): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(distinct segid) as n from articles_search_idx`.execute(db);
  return rows[0]?.n ?? 0;
}
