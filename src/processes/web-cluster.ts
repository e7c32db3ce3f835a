import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A web process that dies is started again after this pause, so a crash loop does not spin a core. */
const RESTART_AFTER_MS = 1_000;
/** How long the web processes have to drain on stop before they are killed. */
const STOP_WITHIN_MS = 12_000;

export interface WebProcesses {
  /** Asks every web process to drain and waits until all have exited. */
  stop(): Promise<void>;
}

/**
 * Forks `count` web processes sharing the port (node:cluster hands connections round-robin) and keeps
 * them running: one that dies is logged and started again, so the others serve meanwhile. Resolves once
 * every one is listening; rejects if one exits before it could listen (it printed why: a port in use).
 * The forked processes run this program again and find themselves workers (main.ts).
 */
export async function forkWebProcesses(count: number, logger: Logger): Promise<WebProcesses> {
  let stopping = false;
  const live = new Set<Worker>();

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      live.add(worker);
      let listening = false;
      worker.once('listening', () => {
        listening = true;
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        if (!listening)
          return reject(new Error(`a web process exited before it could listen (code ${code})`));
        if (stopping) return;
        logger.error({ pid: worker.process.pid, code, signal }, 'a web process died; starting another');
        setTimeout(() => {
          if (!stopping)
            fork().catch((error) => logger.error({ err: error }, 'a web process could not restart'));
        }, RESTART_AFTER_MS).unref();
      });
    });

  await Promise.all(Array.from({ length: count }, fork));
  logger.info({ webPids: [...live].map((w) => w.process.pid) }, 'web processes listening');

  return {
    async stop() {
      stopping = true;
      const exits = [...live].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      );
      const late = setTimeout(() => {
        for (const worker of live) worker.process.kill('SIGKILL');
      }, STOP_WITHIN_MS);
      await Promise.all(exits);
      clearTimeout(late);
    },
  };
}
