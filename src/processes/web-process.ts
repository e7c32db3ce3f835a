import type { Logger } from 'pino';
import { buildApp } from '../app.js';
import type { Deps } from '../deps.js';
import { reportPageCache } from '../platform/http/page-cache-report.js';
import type { JobWorker } from '../platform/jobs/index.js';

/**
 * Serves the web role in this process until SIGTERM or SIGINT, which drain in-flight requests, stop
 * the jobs run here (if any) and close the database. Used by `npm start` with one web process, and by
 * each web process the primary forks with WEB_PROCESSES.
 * Resolves once listening; a port that cannot be used ends the process with one plain line.
 */
export async function serveWeb(
  deps: Deps,
  logger: Logger,
  options: { jobs: JobWorker | null; sayStopped: boolean },
): Promise<void> {
  const { config, database } = deps;
  const app = await buildApp(deps, { logger });
  let stopping = false;
  let stopReport = () => {};
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests');
    const force = setTimeout(() => {
      logger.error('requests did not drain within 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    stopReport();
    deps.purges.stop();
    await options.jobs?.stop();
    await deps.purges.flushEdges(2_000);
    await deps.rateLimiter.close();
    await database.close();
    logger.flush();
    if (options.sayStopped) process.stdout.write('Masthead stopped cleanly.\n');
    process.exit(0);
  };
  // `on`, not `once`: a second signal while draining must not kill the process mid-answer.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${code ?? (error as Error).message})`;
    process.stderr.write(`Port ${config.port} on ${config.host} ${why}. Set PORT to another port.\n`);
    process.exit(1);
  }
  // Jobs due while the server was down run at the first poll.
  options.jobs?.start();
  // Purges committed by other processes (another web process, the worker, the CLI importer) reach this cache.
  deps.purges.start();
  // The cache's figures for `masthead doctor`, which runs in a process of its own.
  stopReport = reportPageCache(deps.pageCache, config.dataDir);
}
