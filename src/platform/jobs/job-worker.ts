import type { Config } from '../../config.js';
import type { Clock } from '../clock.js';
import type { DatabaseHandle, Db } from '../database/database.js';
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
  /** Pause between polls when nothing is due. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job over. */
  lockMs?: number;
}

export interface JobWorker {
  /** Polls every `pollMs` until stop(). */
  start(): void;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
  /** Runs every job due now, one after another; returns how many ran. */
  runDue(): Promise<number>;
}

const DEFAULT_POLL_MS = 1000;
const DEFAULT_LOCK_MS = 5 * 60_000;

/**
 * The in-process worker. It only claims kinds it has handlers for, so processes with different
 * handler sets can share one table. Jobs due while the server was down run at the first poll.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { database, clock, config, handlers, logger } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const kinds = Object.keys(handlers);
  const inFlight = new Set<Promise<number>>();
  let stopping = false;
  let started = false;
  let timer: NodeJS.Timeout | null = null;

  async function runJob(job: JobRow): Promise<void> {
    const details = { jobId: job.id, kind: job.kind, attempt: job.attempts };
    const begun = Date.now();
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
    } catch (error) {
      const message = error instanceof Error ? error.message || error.name : String(error);
      // A handler marks an error `permanent` when trying again cannot help (a mail server's 5xx refusal).
      const permanent = (error as { permanent?: unknown } | null)?.permanent === true;
      const outcome = await failJob(database.db, clock, job, message, { final: permanent });
      if (outcome.status === 'failed') logger.error({ ...details, err: error }, 'job failed for good');
      else logger.warn({ ...details, err: error, retryAt: outcome.retryAt }, 'job failed; will retry');
    }
  }

  async function drain(): Promise<number> {
    await failAbandonedJobs(database.db, clock);
    let ran = 0;
    while (!stopping) {
      const job = await claimNextJob(database.db, database.dialect, clock, kinds, lockMs);
      if (!job) break;
      await runJob(job);
      ran += 1;
    }
    return ran;
  }

  function runDue(): Promise<number> {
    const run = drain();
    inFlight.add(run);
    const forget = () => inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  async function tick(): Promise<void> {
    timer = null;
    try {
      await runDue();
    } catch (error) {
      // The database may be briefly away; the next poll tries again.
      logger.error({ err: error }, 'job poll failed');
    }
    if (!stopping) timer = setTimeout(tick, pollMs);
  }

  return {
    start() {
      if (started) return;
      started = true;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...inFlight]);
    },
    runDue,
  };
}
