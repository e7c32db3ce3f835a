import type { Selectable } from 'kysely';
import { type Clock, isoTime } from '../clock.js';
import type { Db, Dialect } from '../database/database.js';
import { newId } from '../ids.js';
import type { JobTable } from './job-table.js';

export type JobRow = Selectable<JobTable>;
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Not before this time; now when left out. */
  runAt?: Date;
  /** At most one queued or running job per key; enqueueing a second one is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;
/** Error texts can be whole HTML pages; the row keeps enough to diagnose. */
const ERROR_MAX = 2000;

/**
 * Adds a job. Pass the caller's transaction as `db` so the job exists exactly when the change that
 * caused it commits. Returns the new job's id, or null when a live job already holds `uniqueKey`
 * (nothing is added; `on conflict do nothing` keeps a PostgreSQL transaction usable, where a caught
 * unique violation would abort it).
 */
export async function enqueueJob(db: Db, clock: Clock, job: NewJob): Promise<string | null> {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (job.kind.trim() === '') throw new Error('A job needs a kind.');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}.`);
  }
  if (job.runAt && Number.isNaN(job.runAt.getTime())) throw new Error('runAt is not a valid time.');
  const now = clock.now();
  const row = await db
    .insertInto('jobs')
    .values({
      id: newId(now.getTime()),
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      run_at: isoTime(job.runAt ?? now),
      status: 'queued',
      attempts: 0,
      max_attempts: maxAttempts,
      locked_until: null,
      last_error: null,
      unique_key: job.uniqueKey ?? null,
      created_at: isoTime(now),
      finished_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Deletes the queued job holding `uniqueKey` (an editor rescheduled or unscheduled an article).
 * A job already running is left to finish. Returns how many were removed (0 or 1).
 */
export async function cancelJobs(db: Db, uniqueKey: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('unique_key', '=', uniqueKey)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Wait before attempt n+1 after attempt n failed: 30 s, 1 min, 2 min, ... at most an hour. */
export function backoffMs(failedAttempt: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempt - 1), BACKOFF_CAP_MS);
}

/**
 * Takes the next due job of one of `kinds` for this worker, in one statement, so two workers can
 * never both take it: a queued job whose time has come, or a running one whose worker's claim
 * lapsed (the worker died). The outer `where` re-checks the state, so on PostgreSQL a worker that
 * lost the race to the same row gets nothing; `skip locked` (PostgreSQL only; SQLite runs one
 * writer at a time) lets it pick another row instead of waiting.
 */
export async function claimNextJob(
  db: Db,
  dialect: Dialect,
  clock: Clock,
  kinds: readonly string[],
  lockMs: number,
): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const now = clock.now();
  const at = isoTime(now);
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', kinds)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', at)]),
        eb.and([
          eb('status', '=', 'running'),
          eb('locked_until', '<', at),
          eb('attempts', '<', eb.ref('max_attempts')),
        ]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_until: isoTime(new Date(now.getTime() + lockMs)),
    }))
    .where('id', '=', next)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', at)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks a job done. Only the claim that ran it may (same attempt, still running): a worker whose
 * lapsed claim was taken over must not overwrite the newer attempt's state.
 */
export async function completeJob(db: Db, clock: Clock, job: JobRow): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: isoTime(clock.now()), locked_until: null })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
}

/** Records a failed attempt: queued again after the backoff, or 'failed' after the last attempt. */
export async function failJob(
  db: Db,
  clock: Clock,
  job: JobRow,
  error: string,
  options: { final?: boolean } = {},
): Promise<{ status: 'queued' | 'failed'; retryAt: string | null }> {
  const now = clock.now();
  const lastError = error.slice(0, ERROR_MAX);
  const final = options.final === true || job.attempts >= job.max_attempts;
  const retryAt = final ? null : isoTime(new Date(now.getTime() + backoffMs(job.attempts)));
  await db
    .updateTable('jobs')
    .set(
      final
        ? { status: 'failed', finished_at: isoTime(now), locked_until: null, last_error: lastError }
        : { status: 'queued', run_at: retryAt!, locked_until: null, last_error: lastError },
    )
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .execute();
  return { status: final ? 'failed' : 'queued', retryAt };
}

/**
 * Running jobs of `kinds` whose claim lapsed on their last attempt: the worker died (or hung) every
 * time, so they are failed rather than taken over again. Returns how many. Each lane passes its own
 * kinds, so lanes never update the same rows at once.
 */
export async function failAbandonedJobs(db: Db, clock: Clock, kinds: readonly string[]): Promise<number> {
  const at = isoTime(clock.now());
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      finished_at: at,
      locked_until: null,
      last_error: 'The worker stopped during the last attempt (its claim lapsed).',
    })
    .where('kind', 'in', kinds)
    .where('status', '=', 'running')
    .where('locked_until', '<', at)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
