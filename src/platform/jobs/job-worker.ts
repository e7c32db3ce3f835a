import type { Config } from '../../config.js';
import type { Clock } from '../clock.js';
import type { DatabaseHandle, Db } from '../database/database.js';
import { extendClaim } from './job-claims.js';
import { claimNextJob, completeJob, failAbandonedJobs, failJob, type JobRow } from './job-queue.js';

/** What a handler learns about the run it is part of. */
export interface JobContext {
  db: Db;
  clock: Clock;
  /** The operator's settings, for handlers whose work depends on them (webhook address checks, mail). */
  config: Config;
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The job's last allowed attempt: a handler may record a final failure when `attempt` reaches it. */
  maxAttempts: number;
}

/**
 * Runs one job. Throwing retries it with backoff (until its last attempt), unless the error has
 * `permanent: true`, which fails the job at once; returning marks it done.
 * Handlers may run more than once for one job (a worker can die after the work and before the
 * bookkeeping), so they must be safe to repeat.
 */
// biome-ignore lint/suspicious/noExplicitAny: each handler knows its own payload's shape
export type JobHandler = (payload: any, ctx: JobContext) => Promise<void>;

/** The slice of a pino (or Fastify) logger the worker uses. */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface JobWorkerOptions {
  database: DatabaseHandle;
  clock: Clock;
  config: Config;
  handlers: Record<string, JobHandler>;
  logger: JobLogger;
  /**
   * Lanes by name, each a list of kinds with a claim loop of its own, so a slow kind (photo
   * variants) never holds up another (a scheduled publish). Kinds in no lane share one more lane.
   */
  lanes?: Record<string, readonly string[]>;
  /** Pause between polls when nothing is due. */
  pollMs?: number;
  /**
   * Called after each job done: the process applies (and, with Redis, announces) the purges the job
   * queued, so a scheduled story is live at once instead of at the next poll of the purge log.
   */
  afterJob?: () => Promise<void>;
  /** How long a claim holds unless renewed; a job whose worker died is free again after it. */
  lockMs?: number;
  /** How often the worker renews the claims of the jobs in hand. */
  heartbeatMs?: number;
}

export interface JobWorker {
  /** Polls every `pollMs` until stop(). */
  start(): void;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
  /** Runs every job due now, lane by lane at once, until none is left; returns how many ran. */
  runDue(): Promise<number>;
}

const DEFAULT_POLL_MS = 1000;
/**
 * A crashed worker's job runs again within this long (it was 5 minutes: sign-up mail went out that
 * late after a crash). Three missed heartbeats, so a busy event loop does not lose a live claim.
 */
const DEFAULT_LOCK_MS = 15_000;
const DEFAULT_HEARTBEAT_MS = 5_000;

/**
 * The in-process worker. It only claims kinds it has handlers for, so processes with different
 * handler sets can share one table. Jobs due while the server was down run at the first poll.
 * Each lane polls and runs on its own, one job at a time; while a job runs, its claim is renewed
 * every `heartbeatMs`, so only a dead worker's claim lapses.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { database, clock, config, handlers, logger } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const lanes = lanesOf(Object.keys(handlers), options.lanes ?? {});
  const inFlight = new Set<Promise<number>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  let started = false;

  /** Renews the claim while the handler works; a claim found taken over is logged, not fought for. */
  function heartbeat(job: JobRow, details: object): NodeJS.Timeout {
    return setInterval(() => {
      extendClaim(database.db, clock, job, lockMs).then(
        (held) => {
          if (!held) logger.warn(details, 'job claim was lost while running');
        },
        (error) => logger.warn({ ...details, err: error }, 'job heartbeat failed'),
      );
    }, heartbeatMs);
  }

  async function runJob(job: JobRow): Promise<void> {
    const details = { jobId: job.id, kind: job.kind, attempt: job.attempts };
    const begun = Date.now();
    const beat = heartbeat(job, details);
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`No handler for job kind "${job.kind}".`);
      await handler(JSON.parse(job.payload), {
        db: database.db,
        clock,
        config,
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
      });
      await completeJob(database.db, clock, job);
      logger.info({ ...details, ms: Date.now() - begun }, 'job done');
      await options
        .afterJob?.()
        .catch((error) => logger.warn({ ...details, err: error }, 'after-job step failed'));
    } catch (error) {
      const message = error instanceof Error ? error.message || error.name : String(error);
      // A handler marks an error `permanent` when trying again cannot help (a mail server's 5xx refusal).
      const permanent = (error as { permanent?: unknown } | null)?.permanent === true;
      const outcome = await failJob(database.db, clock, job, message, { final: permanent });
      if (outcome.status === 'failed') logger.error({ ...details, err: error }, 'job failed for good');
      else logger.warn({ ...details, err: error, retryAt: outcome.retryAt }, 'job failed; will retry');
    } finally {
      clearInterval(beat);
    }
  }

  async function drain(kinds: readonly string[]): Promise<number> {
    await failAbandonedJobs(database.db, clock, kinds);
    let ran = 0;
    while (!stopping) {
      const job = await claimNextJob(database.db, database.dialect, clock, kinds, lockMs);
      if (!job) break;
      await runJob(job);
      ran += 1;
    }
    return ran;
  }

  function tracked(run: Promise<number>): Promise<number> {
    inFlight.add(run);
    const forget = () => inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  async function runDue(): Promise<number> {
    let total = 0;
    // A job may queue another in a lane that had already found nothing (a publish queues webhook
    // deliveries): rounds go on until one runs nothing.
    for (;;) {
      const counts = await Promise.all(lanes.map((kinds) => tracked(drain(kinds))));
      const ran = counts.reduce((sum, n) => sum + n, 0);
      total += ran;
      if (ran === 0 || stopping) return total;
    }
  }

  function poll(kinds: readonly string[]): void {
    const tick = async () => {
      timers.delete(timer);
      try {
        await tracked(drain(kinds));
      } catch (error) {
        // The database may be briefly away; the next poll tries again.
        logger.error({ err: error, kinds }, 'job poll failed');
      }
      if (!stopping) {
        timer = setTimeout(tick, pollMs);
        timers.add(timer);
      }
    };
    let timer = setTimeout(tick, 0);
    timers.add(timer);
  }

  return {
    start() {
      if (started) return;
      started = true;
      for (const kinds of lanes) poll(kinds);
    },
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
    runDue,
  };
}

/** The kinds of each lane this worker has handlers for; kinds named in no lane make one more. */
function lanesOf(kinds: readonly string[], lanes: Record<string, readonly string[]>): string[][] {
  const named = Object.values(lanes).map((lane) => lane.filter((kind) => kinds.includes(kind)));
  const laned = new Set(named.flat());
  const other = kinds.filter((kind) => !laned.has(kind));
  return [...named, other].filter((lane) => lane.length > 0);
}
