import cluster from 'node:cluster';
import pino from 'pino';
import { seedDemoEdition } from './capabilities/demo/index.js';
import { countStaff } from './capabilities/staff/index.js';
import { systemClock } from './platform/clock.js';
import { buildDeps } from './platform/deps-factory.js';
import { BatchedLogDestination } from './platform/runtime/log-destination.js';
import { connect, exitOnStartupError, readConfig } from './platform/runtime/startup.js';
import { startBanner } from './processes/start-banner.js';
import { forkWebProcesses } from './processes/web-cluster.js';
import { serveWeb } from './processes/web-process.js';
import { buildWorker } from './worker.js';

/**
 * The composition root of `npm start`: read the configuration, open and migrate the database, seed a demo
 * edition on a brand-new install, then serve. With WEB_PROCESSES=N above 1, this process forks N web
 * processes (which run this file again, as cluster workers) and runs the jobs itself; RUN_JOBS=false leaves
 * the jobs to `masthead worker`. SIGTERM and SIGINT drain in-flight requests and close the database.
 */
async function main(): Promise<void> {
  const config = readConfig();
  if (cluster.isWorker) {
    // A forked web process: the primary has migrated and seeded already.
    const database = await connect(config, { migrate: false, bounded: true });
    const logger = pino({ level: config.logLevel }, new BatchedLogDestination());
    const deps = await buildDeps(config, database, systemClock, logger);
    return serveWeb(deps, logger, { jobs: null, sayStopped: false });
  }

  const database = await connect(config, { migrate: true, bounded: true });
  const logger = pino({ level: config.logLevel }, new BatchedLogDestination());
  const deps = await buildDeps(config, database, systemClock, logger);
  const demo = await seedDemoEdition({ db: database.db, clock: deps.clock, config });
  const staff = demo ? 1 : await countStaff(database.db);
  const jobs = config.runJobs ? buildWorker(deps, logger) : null;

  if (config.webProcesses === 1) {
    await serveWeb(deps, logger, { jobs, sayStopped: true });
  } else {
    if (!config.redisUrl) {
      logger.warn(
        'WEB_PROCESSES without REDIS_URL: each process keeps its own sign-in limits, purges reach the others within a second, and two staff members co-editing one article on different processes edit two copies',
      );
    }
    const web = await forkWebProcesses(config.webProcesses, logger).catch(() => {
      process.stderr.write('A web process could not start (see above); stopping.\n');
      process.exit(1);
    });
    jobs?.start();
    deps.purges.start();
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await web.stop();
      await jobs?.stop();
      deps.purges.stop();
      await deps.purges.flushEdges(2_000);
      await deps.rateLimiter.close();
      await database.close();
      logger.flush();
      process.stdout.write('Masthead stopped cleanly.\n');
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
  }
  process.stdout.write(startBanner(config, database, demo, staff));
}

main().catch(exitOnStartupError);
