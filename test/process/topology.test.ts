import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cookieHeader,
  type Edge,
  edgePurgesLogged,
  get,
  heldAtEdge,
  newsroom,
  pathIn,
  SECRET,
  signUpOverHttp,
  startVarnish,
  until,
  varnishMissing,
  waitForOrigin,
  walled,
} from '../support/edge.js';
import {
  type PrivatePostgres,
  privatePostgresMissing,
  startPrivatePostgres,
} from '../support/private-postgres.js';
import {
  CLI,
  cleanEnv,
  freePort,
  ROOT,
  type Started,
  signInAsDemoOwner,
  startServer,
  webProcesses,
} from '../support/processes.js';

/**
 * The reference deployment of docs/deploy.md on 127.0.0.1 (issue 15 §4): Varnish with the shipped VCL,
 * two web processes, one worker, a PostgreSQL server of this test's own (it is restarted), Redis and
 * an S3-compatible bucket (s3rver).
 */
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const missing = varnishMissing() ?? privatePostgresMissing();
if (missing) console.warn(`topology test skipped: ${missing}`);

let server: Started | undefined;
let worker: ChildProcess | undefined;
let edge: Edge | undefined;
let postgres: PrivatePostgres | undefined;
let s3: S3rver | undefined;
const folders: string[] = [];
afterEach(async () => {
  for (const child of [server?.child, worker]) if (child && child.exitCode === null) child.kill('SIGKILL');
  await edge?.stop();
  postgres?.remove();
  await s3?.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  server = worker = edge = postgres = s3 = undefined;
});

describe.skipIf(missing !== null)('the reference deployment', () => {
  it('edge, two web processes, a worker, PostgreSQL, Redis and S3: changes show everywhere, parts fail and recover', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-topology-'));
    folders.push(data);
    postgres = await startPrivatePostgres();
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(data, 's3'),
      configureBuckets: [{ name: 'media' }],
    });
    const { port: s3Port } = await s3.run();
    const originPort = await freePort();
    edge = await startVarnish(originPort);
    const host = `localhost:${edge.port}`;
    const env = {
      MASTHEAD_DATA: data,
      DATABASE_URL: postgres.url,
      PORT: String(originPort),
      PUBLIC_URL: `http://${host}`,
      TRUST_PROXY: '127.0.0.1',
      WEB_PROCESSES: '2',
      RUN_JOBS: 'false',
      REDIS_URL: REDIS,
      EDGE_PURGE_URLS: edge.purgeUrl,
      MEDIA_S3_BUCKET: 'media',
      MEDIA_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
      MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
      LOG_LEVEL: 'info',
    };
    // Seeding the demo's photos into the bucket: allow for a busy machine.
    server = await startServer(env, 180_000);
    const primary = server.child.pid!;
    expect(webProcesses(primary)).toHaveLength(2);
    worker = spawn(process.execPath, [CLI, 'worker'], { env: cleanEnv(env), cwd: ROOT });
    let workerOutput = '';
    worker.stdout?.on('data', (d) => (workerOutput += d));
    worker.stderr?.on('data', (d) => (workerOutput += d));
    await waitForOrigin(edge, host);
    const { api, headers } = await signInAsDemoOwner(server);
    const desk = newsroom(api, headers);
    await desk.settings({ 'wall.free_articles_per_month': 1 });

    const atEdge = (url: string, cookie?: string) => get(edge!.port, url, { host, cookie });
    // New connections: the cluster hands them to the web processes in turn, so four reach both.
    const atEveryProcess = (url: string) =>
      Promise.all(Array.from({ length: 4 }, () => get(originPort, url, { host })));
    const shownEverywhere = async (url: string, shows: (body: string, status: number) => boolean) => {
      const seen = await until(
        async () => [await atEdge(url), ...(await atEveryProcess(url))],
        (pages) => pages.every((p) => shows(p.body, p.status)),
        5_000,
      );
      expect(seen.value.map((p) => shows(p.body, p.status))).toEqual(seen.value.map(() => true));
      return seen.ms;
    };
    const latencies: Record<string, number> = {};

    // Held at the edge and in both processes, then published through one: shown by all at once.
    // Asked until the edge holds it: the settings change above purges the edge again 1.5 s later
    // (ADR 0022's repeat), which on a slow machine came after two asks, so a third was a miss (CI,
    // 2026-12-06).
    expect((await heldAtEdge(() => atEdge('/'))).headers['x-edge-cache']).toBe('HIT');
    const article = await desk.publish('Harbour Bridge Reopens to Traffic', 'free', [
      'Repairs took three months.',
    ]);
    latencies.publish = await shownEverywhere('/', (body) =>
      body.includes('Harbour Bridge Reopens to Traffic'),
    );
    const articlePath = pathIn((await atEdge('/')).body, article.slug);
    expect((await heldAtEdge(() => atEdge(articlePath))).headers['x-edge-cache']).toBe('HIT');

    const corrected = await desk.correct(
      article.id,
      'An earlier version misstated the length of the repairs.',
    );
    latencies.correction = await shownEverywhere(articlePath, (body) =>
      body.includes('misstated the length'),
    );
    await desk.unpublish(article.id, corrected.revision);
    latencies.unpublish = await shownEverywhere(articlePath, (_, status) => status === 404 || status === 410);

    // Each purge reached the edge once, from the one process that claimed it (and once more, a moment later).
    // Four processes follow the log (the primary, two web processes, the worker): were each to send, the
    // edge would get four times as many.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const sent = [...edgePurgesLogged(server.output()), ...edgePurgesLogged(workerOutput)];
    const log = new pg.Client({ connectionString: postgres.url });
    await log.connect();
    const { rows } = await log.query<{ purges: number; unclaimed: number }>(
      'select count(*)::int as purges, count(*) filter (where edge_claimed_at is null)::int as unclaimed from cache_purges',
    );
    await log.end();
    expect(rows[0]!.unclaimed).toBe(0);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThanOrEqual(2 * rows[0]!.purges);

    // A signed-in reader's page is never served to an anonymous one.
    const members = await desk.publish(
      'Inside the New Lifeboat Station',
      'registration',
      walled('Lifeboats'),
    );
    const membersPath = pathIn((await atEdge('/')).body, members.slug);
    const signedIn = cookieHeader(
      await signUpOverHttp(`http://${host}`, path.join(data, 'outbox'), 'deploy.reader@example.com'),
    );
    expect((await atEdge(membersPath, signedIn)).body).toContain(SECRET);
    for (let i = 0; i < 3; i++) {
      const anonymous = await atEdge(membersPath);
      expect(anonymous.body).not.toContain(SECRET);
      expect(anonymous.headers['x-edge-cache']).not.toBe('HIT');
    }

    // Media from the bucket, through the edge, immutable.
    const media = await until(
      async () => {
        const name = /\/media\/[0-9a-f]{20}-\d+(?:x\d+)?\.(?:avif|webp|jpg)/.exec(
          (await atEdge('/')).body,
        )?.[0];
        return name ? atEdge(name) : null;
      },
      (photo) => photo?.status === 200,
      30_000,
    );
    expect(media.value?.status).toBe(200);
    expect(media.value?.headers['cache-control']).toContain('immutable');

    // One web process dies: the other keeps serving, through the edge and directly.
    const [victim] = webProcesses(primary);
    process.kill(victim!, 'SIGKILL');
    await until(
      async () => server!.output(),
      (o) => o.includes('a web process died'),
    );
    const during = await Promise.all([
      ...Array.from({ length: 4 }, () => atEdge(`/?after-a-crash=${Math.random()}`)),
      ...(await atEveryProcess('/')),
    ]);
    expect(during.map((p) => p.status)).toEqual(during.map(() => 200));

    // PostgreSQL restarts: readers keep being served meanwhile, and every process reconnects by itself.
    // The worker's jobs done first: a photo's variants finishing later purge the pages showing it (the
    // home page among them), and with the database down the edge would have nothing to serve from.
    const jobs = new pg.Client({ connectionString: postgres.url });
    await jobs.connect();
    const due = async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await jobs.query<{ n: number }>(
        "select count(*)::int as n from jobs where status in ('queued', 'running') and run_at <= $1",
        [new Date().toISOString()],
      );
      return rows[0]!.n;
    };
    const left = await until(due, (n) => n === 0, 60_000);
    await jobs.end();
    expect(left.value, 'jobs still due before PostgreSQL stops').toBe(0);
    // The home page held at the edge first: a purge sent again 1.5 s after a change (edge-purges.ts) must
    // not land while the database is down, or the edge would have nothing to serve from.
    await until(
      async () => {
        const first = await atEdge('/');
        await new Promise((r) => setTimeout(r, 2000));
        const again = await atEdge('/');
        return first.headers['x-edge-cache'] === 'HIT' && again.headers['x-edge-cache'] === 'HIT';
      },
      (held) => held,
      30_000,
    );
    postgres.stop();
    const whileDown = await atEdge('/');
    expect(whileDown.status).toBe(200);
    postgres.start();
    const recovered = await until(
      () =>
        desk.publish('Council Approves New Cycle Lanes', 'free', ['The lanes open in spring.']).then(
          () => true,
          () => false,
        ),
      (ok) => ok,
      30_000,
    );
    expect(recovered.value).toBe(true);
    await shownEverywhere('/', (body) => body.includes('Council Approves New Cycle Lanes'));
    // The worker too: an article scheduled now is published by it and shown at the edge.
    const scheduled = await desk.schedule('Night Market Returns to the Quay', 2_000);
    expect(scheduled.id).toBeTruthy();
    const byWorker = await until(
      () => atEdge('/'),
      (p) => p.body.includes('Night Market Returns to the Quay'),
      30_000,
    );
    // When it fails, what the worker said since the restart tells whether it ran the job at all.
    expect(
      byWorker.value.body.includes('Night Market Returns to the Quay'),
      `the worker's log:\n${workerOutput.slice(-4000)}`,
    ).toBe(true);
    await shownEverywhere('/', (body) => body.includes('Night Market Returns to the Quay'));

    console.info(
      `[topology] purge-to-edge, from the API call's return to the change at the edge and on both processes: ${Object.entries(
        latencies,
      )
        .map(([what, ms]) => `${what} ${ms.toFixed(1)} ms`)
        .join(', ')}; queued to acknowledged by the edge: ${sent.map((p) => p.ms).join(', ')} ms`,
    );
  }, 360_000);
});
