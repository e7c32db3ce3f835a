import pino from 'pino';
import { systemClock } from '../platform/clock.js';
import { buildDeps } from '../platform/deps-factory.js';
import { BatchedLogDestination } from '../platform/runtime/log-destination.js';
import { connect, readConfig } from '../platform/runtime/startup.js';
import { buildWorker } from '../worker.js';

/**
 * `masthead worker`: the jobs (scheduled publishing, mail, photo variants, webhooks) in a process of their
 * own, apart from the web processes (started with RUN_JOBS=false). Several may run: every job is claimed
 * atomically, so none runs twice. Stops on SIGTERM or SIGINT once the jobs in hand are done.
 */
export async function runWorkerProcess(): Promise<never> {
  const config = readConfig();
  const database = await connect(config, { migrate: true, bounded: true });
  const logger = pino({ level: config.logLevel }, new BatchedLogDestination());
  const deps = await buildDeps(config, database, systemClock, logger);
  const worker = buildWorker(deps, logger);
  worker.start();
  // Purges the jobs queue are applied after each job and, with REDIS_URL, announced to the web processes.
  deps.purges.start();
  process.stdout.write(
    `Masthead worker is running jobs (${database.dialect === 'sqlite' ? `SQLite at ${database.location}` : `PostgreSQL at ${database.location}`}).\n`,
  );
  return new Promise<never>(() => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await worker.stop();
      deps.purges.stop();
      await deps.purges.flushEdges(2_000);
      await deps.rateLimiter.close();
      await database.close();
      logger.flush();
      process.stdout.write('Masthead worker stopped cleanly.\n');
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  });
}
