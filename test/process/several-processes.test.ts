import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import {
  CLI,
  cleanEnv,
  freePort,
  type ProcessDatabase,
  processDatabase,
  ROOT,
  type Started,
  signInAsDemoOwner,
  startServer,
  webProcesses,
} from '../support/processes.js';

let server: Started | undefined;
let worker: ChildProcess | undefined;
let database: ProcessDatabase | undefined;
afterEach(async () => {
  for (const child of [server?.child, worker]) if (child && child.exitCode === null) child.kill('SIGKILL');
  server = undefined;
  worker = undefined;
  await database?.cleanup();
  database = undefined;
});

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A GET on a new connection each time, so the cluster hands each to the next web process. */
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(
        { host: '127.0.0.1', port, path, agent: false, headers: { host: `localhost:${port}` } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      )
      .on('error', reject)
      .setTimeout(5_000, function (this: http.ClientRequest) {
        this.destroy(new Error(`no answer to GET ${path} within 5 s`));
      });
  });
}

async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(dialects())('several web processes and a separate worker [%s]', (dialect) => {
  it('serve one paper: a change shows on every process at once, jobs run once in the worker, a dead process is replaced', async () => {
    database = await processDatabase(dialect);
    const port = await freePort();
    const env = {
      ...database.env,
      PORT: String(port),
      WEB_PROCESSES: '2',
      RUN_JOBS: 'false',
      REDIS_URL: REDIS,
    };
    server = await startServer(env);
    expect(server.output()).toContain('2 web processes; jobs run by `masthead worker`');
    const primary = server.child.pid!;
    expect(webProcesses(primary)).toHaveLength(2);

    worker = spawn(process.execPath, [CLI, 'worker'], { env: cleanEnv(env), cwd: ROOT });
    let workerOutput = '';
    worker.stdout?.on('data', (d) => (workerOutput += d));
    worker.stderr?.on('data', (d) => (workerOutput += d));
    // Starting is slow on a busy machine (seen above 10 s while the server's start took 80): the worker
    // gets the allowance startServer gives the server, and the wait ends at once if it exits instead.
    expect(
      await until(
        () => workerOutput,
        (o) => o.includes('worker is running jobs') || worker?.exitCode !== null,
        180_000,
      ),
    ).toContain('worker is running jobs');

    // Both processes hold the home page in their caches.
    for (let i = 0; i < 6; i++) expect((await get(port, '/')).status).toBe(200);

    const { api, headers } = await signInAsDemoOwner(server);
    const sections = (await (await fetch(`${api}/sections`, { headers })).json()) as {
      sections: { id: string }[];
    };
    const write = async (headline: string) => {
      const created = await fetch(`${api}/articles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          headline,
          section: sections.sections[0]!.id,
          bodyMarkdown: `${headline}: the whole story, long enough to publish.`,
          access: 'free',
        }),
      });
      expect(created.status, server?.output()).toBe(201);
      return (await created.json()) as { id: string; revision: number };
    };

    // Published through one process; the purge reaches the other by Redis, not by its one-second poll:
    // the publish call answers only once Redis has passed the purge on, so the very next request shows
    // the change whichever process it reaches. (A fixed pause here failed when Redis was late.)
    const now = await write('Ferry Service Resumes After Storm');
    const published = await fetch(`${api}/articles/${now.id}/publish`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ revision: now.revision }),
    });
    expect(published.status, server.output()).toBe(200);
    const homes = await Promise.all(Array.from({ length: 6 }, () => get(port, '/')));
    expect(homes.map((h) => h.body.includes('Ferry Service Resumes After Storm'))).toEqual(
      homes.map(() => true),
    );

    // Scheduled: the worker process publishes it, once, and every web process shows it.
    const later = await write('Night Market Returns to the Quay');
    const at = new Date(Date.now() + 2_000).toISOString();
    const scheduled = await fetch(`${api}/articles/${later.id}/schedule`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ revision: later.revision, at }),
    });
    expect(scheduled.status, server.output()).toBe(200);
    const shown = await until(
      () => Promise.all(Array.from({ length: 4 }, () => get(port, '/'))),
      (pages) => pages.every((p) => p.body.includes('Night Market Returns to the Quay')),
      15_000,
    );
    expect(shown.every((p) => p.body.includes('Night Market Returns to the Quay'))).toBe(true);
    const history = (await (await fetch(`${api}/articles/${later.id}/revisions`, { headers })).json()) as {
      items: { action: string }[];
    };
    expect(history.items.filter((r) => r.action === 'publish')).toHaveLength(1);

    // One web process dies: the other keeps serving, and the primary starts a new one.
    const [victim] = webProcesses(primary);
    process.kill(victim!, 'SIGKILL');
    // A connection handed to it at the instant it died is lost with it, as with any crash; from the moment
    // the primary knows, every new reader is served by the other process.
    expect(
      await until(
        () => server!.output(),
        (o) => o.includes('a web process died'),
      ),
    ).toContain('a web process died');
    const during = await Promise.all(
      Array.from({ length: 6 }, () =>
        get(port, '/').then(
          (p) => p.status,
          (e: Error) => e.message,
        ),
      ),
    );
    expect(during).toEqual(during.map(() => 200));
    const replaced = await until(
      () => webProcesses(primary),
      (pids) => pids.length === 2 && !pids.includes(victim!),
    );
    expect(replaced).toHaveLength(2);
    expect(replaced).not.toContain(victim);

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('Masthead stopped cleanly.');
    worker.kill('SIGTERM');
    const workerExit = await new Promise<number | null>((resolve) => worker!.on('exit', resolve));
    expect(workerExit).toBe(0);
    expect(workerOutput).toContain('Masthead worker stopped cleanly.');
  });
});
