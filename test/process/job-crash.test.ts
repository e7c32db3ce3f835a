import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/database/database.js';
import { createJobWorker, findJob, type JobWorker } from '../../src/platform/jobs/index.js';
import { dialects } from '../support/databases.js';
import { cleanEnv, type ProcessDatabase, processDatabase, ROOT } from '../support/processes.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

// Before heartbeats, a job whose worker was killed waited out a 5-minute claim: sign-up mail went
// out 5 minutes late after a crash. Defaults only: the point is how long a real crash costs.
it.each(dialects())(
  'a job held by a worker killed mid-run runs again within the heartbeat window [%s]',
  async (dialect) => {
    const database: ProcessDatabase = await processDatabase(dialect);
    cleanup.push(database.cleanup);
    const child = spawn(process.execPath, [path.join(ROOT, 'test/fixtures/slow-job-worker.mjs')], {
      env: cleanEnv(database.env),
      cwd: ROOT,
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    const jobId = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const found = /running (\S+)/.exec(out);
        if (found) {
          clearInterval(timer);
          resolve(found[1]!);
        }
      }, 10);
      child.on('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`worker exited on its own (${code}):\n${out}`));
      });
    });
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const killedAt = Date.now();

    const loaded = loadConfig(database.env);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const handle = await openDatabase(loaded.config.database);
    let worker: JobWorker | undefined;
    cleanup.push(async () => {
      await worker?.stop();
      await handle.close();
    });
    let ranAt = 0;
    worker = createJobWorker({
      database: handle,
      clock: systemClock,
      config: loaded.config,
      logger: { info() {}, warn() {}, error() {} },
      pollMs: 100,
      handlers: {
        'test.slow': async () => {
          ranAt = Date.now();
        },
      },
    });
    worker.start();
    const deadline = killedAt + 40_000;
    while (ranAt === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ranAt, 'the job never ran again within 40 s').toBeGreaterThan(0);
    expect(ranAt - killedAt).toBeLessThan(20_000);
    await worker.stop();
    expect(await findJob(handle.db, jobId)).toMatchObject({ status: 'done', attempts: 2 });
  },
);
