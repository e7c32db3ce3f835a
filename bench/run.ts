import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrations } from '../migrations/index.js';
import { runImport } from '../src/cli/import-command.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrator.js';
import { benchDatabase, prepareArchive } from './bench-database.js';
import { benchCoediting } from './coedit-bench.js';
import { benchVariants } from './media-bench.js';
import { SERVE_MALLOC_ENV, soakLines, soakMemory } from './memory-soak.js';
import { benchNewsroom } from './newsroom-bench.js';
import { cpuOf } from './process-cpu.js';
import { timeSearches } from './search-bench.js';
import { pickTargets } from './targets.js';
import { wallBenchTargets } from './wall-bench.js';
import { benchCpus, requireWrk, runWrk, TASKSET } from './wrk.js';

/**
 * npm run bench [-- --articles N --database sqlite|postgres --seconds S --connections C --newsroom-articles M
 *   --only newsroom|pages|soak|coedit --soak-seconds S --unpinned]
 * Generates (or reuses) an archive of N articles on SQLite (a file in the data folder) or PostgreSQL (a
 * database of its own on 127.0.0.1:5432, bench-database.ts), starts Masthead and a bare node:http server
 * on 127.0.0.1, and measures each scenario with a bounded wrk load; then one web process against two.
 * Every figure is printed beside the bare server's, measured in the same run: ratios, not absolute
 * numbers, are what compare across machines. Each cached page is measured in 5 pairs of short runs
 * (bare, then the page); its row is the pair with the median ratio, and every pair's ratio is printed. On two
 * cores or more the server under test and the bare server run on one CPU and wrk on another (`benchCpus`).
 * The "one client" figures are wrk too, with one connection
 * for S seconds, each request a cache miss: the server's render time without a Node client's own cost.
 * Then the newsroom app in Chromium over its own SQLite archive of M articles (10,000: issue 13's figure):
 * the budget's opening and keystroke to paint (newsroom-bench.ts). `--only newsroom` runs that step alone;
 * `--only pages` runs the reader pages' table alone (no search service, import, photo, soak or newsroom rows);
 * `--only soak` runs the memory soak alone (`--soak-seconds 600`: the issue's ten minutes).
 * `--only coedit` runs live co-editing alone (coedit-bench.ts): keystroke latency, memory and CPU per editor.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    database: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    data: { type: 'string' },
    'newsroom-articles': { type: 'string', default: '10000' },
    // The memory soak's length (bench/memory-soak.ts); the issue's figure came from a 10-minute one (600).
    'soak-seconds': { type: 'string', default: '60' },
    only: { type: 'string' },
    // Leaves the scheduler to place the servers and wrk, as before ADR 0041: for comparing the two ways.
    unpinned: { type: 'boolean', default: false },
  },
});
const articles = Number(values.articles);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const newsroomArticles = Number(values['newsroom-articles']);
if (
  !Number.isInteger(articles) ||
  articles < 10 ||
  !(seconds > 0) ||
  !(connections > 0) ||
  !Number.isInteger(newsroomArticles) ||
  newsroomArticles < 10 ||
  (values.database !== 'sqlite' && values.database !== 'postgres') ||
  (values.only !== undefined && !['newsroom', 'pages', 'soak', 'coedit'].includes(values.only))
) {
  process.stderr.write(
    'Usage: npm run bench -- [--articles N>=10] [--database sqlite|postgres] [--seconds S] [--connections C] [--newsroom-articles M>=10] [--only newsroom|pages|soak|coedit] [--soak-seconds S] [--unpinned]\n' +
      '  --database postgres: the archive in its own database on 127.0.0.1:5432 (user postgres, no password)\n',
  );
  process.exit(2);
}
// Archives are kept between runs, named after the newest migration: one made before a migration was added
// is never reused (the migrator refuses a migration that comes before one already applied).
const schema = Object.keys(migrations).at(-1) ?? 'none';
const dialect = values.database === 'postgres' ? 'postgres' : 'sqlite';
const dataDir =
  values.data ??
  path.join(os.tmpdir(), `masthead-bench-${articles}-${schema}${dialect === 'postgres' ? '-postgres' : ''}`);
const bench = benchDatabase(dialect, dataDir, articles, schema);
const say = (line: string) => process.stdout.write(`${line}\n`);

/** The newsroom step: its own archive (reused between runs), its own server. */
function newsroomStep(): Promise<string[]> {
  return benchNewsroom({
    dataDir: path.join(os.tmpdir(), `masthead-bench-newsroom-${newsroomArticles}-${schema}`),
    articles: newsroomArticles,
    say,
    async startServer(dir) {
      const port = await freePort();
      const child = await start(
        process.execPath,
        [path.join(root, 'dist/src/main.js')],
        {
          MASTHEAD_DATA: dir,
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          LOG_LEVEL: 'info',
          // As `npm run serve` and the systemd units run it (ADR 0024, ADR 0030).
          ...SERVE_MALLOC_ENV,
          PATH: process.env.PATH ?? '',
        },
        /Reader site:/,
      );
      return { base: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
    },
  });
}

async function main() {
  if (values.only === 'newsroom') {
    for (const line of await newsroomStep()) say(line);
    return;
  }
  if (values.only === 'coedit') {
    await benchCoediting({ root, port: await freePort(), say });
    return;
  }
  if (values.only === 'soak') {
    requireWrk();
    for (const line of await memorySoak()) say(line);
    return;
  }
  requireWrk();
  await prepareArchive(bench, dataDir, articles, say);
  const port = await freePort();
  const server = await start(
    process.execPath,
    [path.join(root, 'dist/src/main.js')],
    {
      ...bench.env,
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      // The load goes to 127.0.0.1: pages asked for at another host than PUBLIC_URL's are redirected.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The access log stays on (info), as a paper runs it: its cost is part of every answer.
      LOG_LEVEL: 'info',
      // As `npm run serve` and the systemd units run it (ADR 0024, ADR 0030).
      ...SERVE_MALLOC_ENV,
      PATH: process.env.PATH ?? '',
    },
    /Reader site:/,
    cpus?.server,
  );
  const base = `http://127.0.0.1:${port}`;
  const results: Row[] = [];
  let bare: ChildProcess | undefined;
  try {
    const target = await pickTargets(bench.config, ARCHIVE_SAMPLE);
    const articleUrl = `${base}${target.article}`;
    // Twice: the second answer is the cached page, as the load gets it (no Accept-Encoding, as wrk sends none).
    let page = await fetch(articleUrl, { headers: { 'accept-encoding': 'identity' } });
    await page.arrayBuffer();
    page = await fetch(articleUrl, { headers: { 'accept-encoding': 'identity' } });
    if (page.status !== 200) throw new Error(`article page answered ${page.status}`);
    const bytes = Buffer.from(await page.arrayBuffer());
    const pageFile = path.join(dataDir, 'bench-article.html');
    fs.writeFileSync(pageFile, bytes);
    // The bare server sends the same headers too: "the same bytes" is the whole response.
    const headersFile = path.join(dataDir, 'bench-article-headers.json');
    const sent: Record<string, string> = {};
    page.headers.forEach((value, name) => {
      if (!NODE_SETS.has(name) && name !== 'content-length') sent[name] = value;
    });
    fs.writeFileSync(headersFile, JSON.stringify(sent));
    say(`Article page: ${target.article} (${bytes.length} bytes, ${Object.keys(sent).length} headers)`);

    const barePort = await freePort();
    bare = await start(
      process.execPath,
      [path.join(here, 'bare-server.js'), pageFile, String(barePort), headersFile],
      {},
      /listening/,
      cpus?.server,
    );
    // Both servers warm up first (their JIT), so neither pays for it inside a measured run.
    await warmUp(`http://127.0.0.1:${barePort}/`);
    await warmUp(articleUrl);
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    const baseline = await load('bare node:http, same bytes', bareUrl, false, {}, bare.pid);
    wrkBusiest = baseline.loadShare ?? 0;
    results.push(baseline);
    // Each cached page is measured right after a run of the bare server of its own, and its ratio is
    // to that run: this machine's speed drifts over a minute (a shared host: the bare server ran
    // 16,700 and 38,600 req/s in two runs half an hour apart), and a ratio to a run a minute
    // earlier measured the drift as much as the page.
    // Even paired, ratios swung from run to run (0.52x and 1.03x for the same cached home page in two
    // runs on 2026-12-06; the bare server ran 18,000 and 32,000 req/s a minute apart), in phases of a
    // few seconds. So each page is measured in PAIR_ROUNDS short pairs, and the row shows the pair with
    // the median ratio; every pair's ratio is printed under the table.
    const paired = async (
      name: string,
      url: string,
      headers: Record<string, string> = {},
      pid = server.pid,
    ): Promise<Row> => {
      const pairs: Row[] = [];
      for (let round = 0; round < PAIR_ROUNDS; round++) {
        const own = await load('bare', bareUrl, false, {}, bare?.pid, pairSeconds);
        const page = await load(name, url, false, headers, pid, pairSeconds);
        pairs.push({ ...page, bare: own.rps, bareCpuUs: own.cpuUs });
        // Two web processes share wrk's core, so only the bare run of their pairs says anything of wrk.
        for (const run of pid === 0 ? [own] : [own, page]) {
          wrkBusiest = Math.max(wrkBusiest, run.loadShare ?? 0);
        }
      }
      const byRatio = [...pairs].sort((a, b) => ratioOf(a) - ratioOf(b));
      const median = byRatio[Math.floor(byRatio.length / 2)]!;
      return { ...median, pairRatios: pairs.map(ratioOf) };
    };
    // The calibration row: the bare server again, each answer made CALIBRATION_US of CPU work longer.
    // On this 2-core VM 5 us of work cost about 12 us of CPU and 0.72x (spin 10: 0.62x; 20: 0.53x): the
    // loopback's wake-ups grow as the server slows, so a ratio says how many microseconds an answer
    // may add here, not a fraction of the work (ADR 0041).
    const calibrationPort = await freePort();
    const calibration = await start(
      process.execPath,
      [
        path.join(here, 'bare-server.js'),
        pageFile,
        String(calibrationPort),
        headersFile,
        String(CALIBRATION_US),
      ],
      {},
      /listening/,
      cpus?.server,
    );
    try {
      const calibrationUrl = `http://127.0.0.1:${calibrationPort}/`;
      await warmUp(calibrationUrl);
      const row = await paired(`bare + ${CALIBRATION_US} us of work`, calibrationUrl, {}, calibration.pid);
      // Near the bare server by design: no evidence about the load generator either way.
      results.push({ ...row, calibration: true });
    } finally {
      calibration.kill('SIGTERM');
    }
    results.push(await paired('cached article page', articleUrl));
    // The front page is cached like an article (issue 14: as fast as the cached article page).
    await warmUp(`${base}/`);
    results.push(await paired('cached home page', `${base}/`));
    // The wall's cost: a metered article for an anonymous reader. Under the limit every request
    // checks the meter cookie, counts the article, signs and sets a new cookie; past it, the cut page.
    const wall = await wallBenchTargets(bench.config);
    const wallUrl = `${base}${wall.article}`;
    results.push(await paired('cached metered article, under limit', wallUrl, { cookie: wall.underLimit }));
    results.push(await paired('cached metered article, cut', wallUrl, { cookie: wall.overLimit }));
    // One web process against two (WEB_PROCESSES=2, node:cluster sharing the port): the same cached
    // pages from a second Masthead on the same archive, its jobs left to the first.
    const twoPort = await freePort();
    const two = await start(
      process.execPath,
      [path.join(root, 'dist/src/main.js')],
      {
        ...bench.env,
        MASTHEAD_DATA: dataDir,
        PORT: String(twoPort),
        PUBLIC_URL: `http://127.0.0.1:${twoPort}`,
        LOG_LEVEL: 'info',
        // As `npm run serve` and the systemd units run it (ADR 0024, ADR 0030).
        ...SERVE_MALLOC_ENV,
        WEB_PROCESSES: '2',
        RUN_JOBS: 'false',
        PATH: process.env.PATH ?? '',
      },
      /Reader site:/,
    );
    try {
      const twoBase = `http://127.0.0.1:${twoPort}`;
      await warmUp(`${twoBase}${target.article}`);
      // Their CPU is not summed over the two processes: only requests a second are shown.
      const article = await paired('cached article page, 2 processes', `${twoBase}${target.article}`, {}, 0);
      const metered = await paired(
        'cached metered article, 2 processes',
        `${twoBase}${wall.article}`,
        { cookie: wall.underLimit },
        0,
      );
      results.push({ ...article, processes: 2 }, { ...metered, processes: 2 });
    } finally {
      two.kill('SIGTERM');
    }
    // Every uncached scenario is measured twice: under load (a distinct URL per request, so no page
    // cache answers), then one request at a time, which is the render time a reader waits for.
    // Unpinned from here: a render's time is what a reader waits for, and on one core the garbage
    // collector's helper threads took turns with the render (article p95 7.7 ms pinned, 3.6 unpinned).
    if (cpus) unpin(server.pid);
    const uncached = [
      ['article page, cache miss (render)', articleUrl],
      ['home page, cache miss', `${base}/`],
      ['section page, cache miss', `${base}${target.section}`],
      ['search page, cache miss', `${base}/search?q=harbour+budget`],
    ] as const;
    for (const [name, url] of uncached) {
      const probe = await fetch(url);
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        say(`${name}: skipped, the page answered ${probe.status}`);
        continue;
      }
      const row = await load(name, url, true, {}, server.pid);
      await settle(server.pid);
      row.single = await oneClient(url);
      results.push(row);
    }
    // The same article again and again stays in the database's and the OS's caches; readers arrive on any.
    const archive = await oneClient(`${base}/`, target.archive);
    bare?.kill('SIGTERM');
    server.kill('SIGTERM');
    const pagesOnly = values.only === 'pages';
    const extras = pagesOnly ? [] : await measureExtras();

    say('');
    say(
      `Masthead bench: ${articles.toLocaleString('en-US')} articles on ${bench.label}, ${connections} connections, ${seconds} s each, 127.0.0.1`,
    );
    say(
      `${'scenario'.padEnd(36)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs bare'.padStart(8)} ${'bare'.padStart(7)} ${'CPU us'.padStart(7)} ${'bare us'.padStart(7)} ${'by CPU'.padStart(7)}   one client: p50 / p95 ms`,
    );
    for (const r of results) {
      const single =
        (r.single ? `   ${r.single.p50.toFixed(2)} / ${r.single.p95.toFixed(2)} (${r.single.n})` : '') +
        (r.errors ? `   ${r.errors} refused or failed under load` : '');
      say(
        `${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${(r.rps / (r.bare ?? baseline.rps)).toFixed(2).padStart(7)}x ${(r.bare ?? baseline.rps).toFixed(0).padStart(7)} ${cpuColumns(r, baseline)}${single}`,
      );
    }
    const spread = results.filter((r) => r.pairRatios);
    if (spread.length > 0) {
      say(
        `each cached row is the median of ${PAIR_ROUNDS} pairs of ${pairSeconds} s runs (the bare server, then the page); every pair's ratio:`,
      );
      for (const r of spread) {
        say(`  ${r.name.padEnd(34)} ${r.pairRatios?.map((x) => `${x.toFixed(2)}x`).join('  ')}`);
      }
    }
    say(
      `calibration: "bare + ${CALIBRATION_US} us of work" is the bare server with each answer kept busy ${CALIBRATION_US} us longer: the ratio a page adding only that much gets here`,
    );
    const distinct = Math.min(archive.n, target.archive.length);
    say(
      `${'article pages across the archive'.padEnd(36)} ${'-'.padStart(9)} ${'-'.padStart(7)} ${'-'.padStart(7)} ${'-'.padStart(8)}   ${archive.p50.toFixed(2)} / ${archive.p95.toFixed(2)} (${archive.n} over ${distinct} distinct articles, each uncached)`,
    );
    say(
      `one client: wrk with one connection for ${seconds} s, each request a cache miss (a distinct query); (n) is how many it made`,
    );
    if (dialect === 'postgres') {
      say('PostgreSQL: its server runs on this machine too, on the same cores as Masthead and wrk');
    }
    say(
      cpus
        ? `pinned: Masthead's one web process and the bare server on CPU ${cpus.server}, wrk on CPU ${cpus.load}, for the cached rows; the cache misses and the one client unpinned; the servers' output goes to a file`
        : `not pinned (--unpinned, one core, or no ${TASKSET}): the servers and wrk share the machine's cores`,
    );
    say(
      `2 processes: two web processes (not pinned) and wrk share this machine's ${os.availableParallelism()} cores, so these rows measure the machine, not what a second core would add; the check below leaves them out`,
    );
    // wrk must not be the limit: the bare server under the same load has to run well above every page.
    // Only rows where Masthead, like the bare server, is one process beside wrk are evidence of that.
    // Each page against the bare run next to it; the least headroom of any is the figure.
    const headroom = Math.min(
      ...results
        .filter((r) => r !== baseline && r.processes === 1 && !r.calibration)
        .map((r) => (r.bare ?? baseline.rps) / r.rps),
    );
    // Pinned, wrk has a core of its own, and how much of it wrk used says directly whether it was the
    // limit: a page close to the bare server (0.85x in one quiet run) is no longer a sign that it was.
    if (cpus && wrkBusiest > 0) {
      say(
        wrkBusiest < WRK_BUSY_LIMIT
          ? `load generator check: wrk used at most ${(wrkBusiest * 100).toFixed(0)}% of its core in any run of the bare server or a cached page, so it was not the limit (the bare server ran at least ${headroom.toFixed(2)}x each page beside it)`
          : `WARNING: wrk used ${(wrkBusiest * 100).toFixed(0)}% of its core in a run: the load generator may have been the limit, and the ratios above understate the gap`,
      );
    } else {
      say(
        headroom >= 1.25
          ? `load generator check: the bare server ran at least ${headroom.toFixed(2)}x each page served by one process (in the run beside it), so wrk was not the limit`
          : `WARNING: the bare server ran only ${headroom.toFixed(2)}x a page served by one process (in the run beside it): the load generator may be the limit, and the ratios above understate the gap`,
      );
    }
    for (const line of extras) say(line);
    if (!pagesOnly) for (const line of await newsroomStep()) say(line);
  } finally {
    bare?.kill('SIGTERM');
    server.kill('SIGTERM');
  }
}

/**
 * CPU per request of the row and of the bare run beside it, and their ratio as a throughput would be
 * (bare CPU over the page's): the form of "vs bare" a busy host does not move.
 */
function cpuColumns(r: Row, baseline: Row): string {
  const bareUs = r.bareCpuUs ?? baseline.cpuUs;
  if (r.cpuUs === undefined || bareUs === undefined || r === baseline) {
    return `${(r.cpuUs?.toFixed(1) ?? '-').padStart(7)} ${'-'.padStart(7)} ${'-'.padStart(7)}`;
  }
  return `${r.cpuUs.toFixed(1).padStart(7)} ${bareUs.toFixed(1).padStart(7)} ${(bareUs / r.cpuUs).toFixed(2).padStart(6)}x`;
}

/** Headers node:http adds to every response itself. */
const NODE_SETS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** The bare server's req/s in the run just before this one, when the row has its own (see paired). */
  bare?: number;
  /** Answers of 400 and above or socket errors (only a cache-miss row may have any). */
  errors: number;
  /** The serving process's CPU per request, in microseconds (one process only). */
  cpuUs?: number;
  /** The bare server's CPU per request in the run just before this one. */
  bareCpuUs?: number;
  /** Masthead's web processes serving the row (the bare server is always one). */
  processes: number;
  /** One request at a time, each a cache miss. */
  single?: Timing;
  /** wrk's own CPU over the run, 1 being a whole core (`WrkResult.loadShare`). */
  loadShare?: number;
  /** The calibration row: the bare server with work added, left out of the load generator check. */
  calibration?: boolean;
  /** A paired row's ratio to its bare run in every pair measured, in order; the row is the median's. */
  pairRatios?: number[];
}

/** The server's CPU and wrk's, each its own (null on a one-core machine: they share). */
const cpus = values.unpinned ? null : benchCpus();

/** The most of its core wrk used in any paired run (1 is all of it). */
let wrkBusiest = 0;
/** Above this share of its core, wrk may have been what limited a run. */
const WRK_BUSY_LIMIT = 0.9;

/** wrk's CPU while the server under test is pinned (undefined once `unpin` has run). */
let wrkCpu = cpus?.load;

/** Lets a pinned server, every thread of it, and wrk run on any CPU again. */
function unpin(pid: number | undefined): void {
  if (pid === undefined) return;
  const all = `0-${os.availableParallelism() - 1}`;
  const done = spawnSync(TASKSET, ['-a', '-p', '-c', all, String(pid)], { encoding: 'utf8' });
  if (done.status !== 0) throw new Error(`taskset could not unpin ${pid}: ${done.stderr}`);
  wrkCpu = undefined;
}

/** The work the calibration row adds to each of the bare server's answers, in microseconds. */
const CALIBRATION_US = 5;

/** Pairs of runs (bare, then the page) per cached row: the median is shown, all are printed. */
const PAIR_ROUNDS = 5;
/** Each run of a pair: shorter than the other loads, so the pairs spread over the machine's phases. */
const pairSeconds = Math.max(1, Math.floor(seconds / 2));

const ratioOf = (r: Row) => r.rps / (r.bare ?? r.rps);

interface Timing {
  /** Requests made. */
  n: number;
  p50: number;
  p95: number;
}

/** A bounded wrk load: `seconds` long, `connections` at once; `miss` adds a unique query so no cache answers. */
async function load(
  name: string,
  url: string,
  miss = false,
  headers: Record<string, string> = {},
  pid?: number,
  runSeconds = seconds,
): Promise<Row> {
  const before = pid ? cpuOf(pid) : 0;
  const result = await runWrk({ url, connections, seconds: runSeconds, headers, miss, cpu: wrkCpu });
  emptyServerLogs();
  // A cached page must never fail. Renders under 50 connections may be refused once the database
  // wait is over its bound (503, by design, on PostgreSQL): counted and printed, not hidden.
  if (result.errors > 0 && !miss) {
    throw new Error(`${name}: ${result.errors} errors or answers of 400 and above`);
  }
  const cpuUs = pid ? (cpuOf(pid) - before) / (result.rps * runSeconds) : undefined;
  return {
    name,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    processes: 1,
    cpuUs,
    errors: result.errors,
    loadShare: result.loadShare,
  };
}

/**
 * One client: wrk with a single connection for `seconds`, each request a cache miss (`bench=n` in its
 * query), so every figure is one render as a reader waits for it. `paths` (on url's host) are asked for
 * in turn, each a different article.
 */
async function oneClient(url: string, paths?: readonly string[]): Promise<Timing> {
  const result = await runWrk({
    url,
    connections: 1,
    seconds,
    miss: true,
    cpu: wrkCpu,
    ...(paths ? { paths } : {}),
  });
  emptyServerLogs();
  if (result.errors > 0)
    throw new Error(`one client on ${url}: ${result.errors} errors or answers of 400 and above`);
  return { n: result.requests, p50: result.p50, p95: result.p95 };
}

/**
 * Waits until the server is idle (under 10% of a core for a quarter of a second, at most 15 s): the
 * renders a load of misses leaves queued when wrk stops were otherwise the one client's first waits
 * (home page p95 156 ms and search 150 ms on SQLite straight after the load; a home p99 of 21 ms on the
 * idle server and 344 ms right after 50 connections of misses, measured by hand with wrk).
 */
async function settle(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  const deadline = Date.now() + 15_000;
  let before = cpuOf(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuOf(pid);
    if (now - before < 25_000) return;
    before = now;
  }
}

/** Two seconds of load whose figures are thrown away. */
async function warmUp(url: string): Promise<void> {
  await runWrk({ url, connections, seconds: 2, cpu: wrkCpu });
  emptyServerLogs();
}

/** Figures that are not request loads: search service time, the importer, photo variants. */
async function measureExtras(): Promise<string[]> {
  const lines: string[] = [];
  const database = await openDatabase(bench.config);
  try {
    for (const t of await timeSearches(database.db, database.dialect, 10)) {
      lines.push(
        `search service (${bench.label}) "${t.name}": p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${t.total} matches)`,
      );
    }
  } finally {
    await database.close();
  }
  lines.push(await benchImport(1000));
  const perPhoto = await benchVariants(3);
  lines.push(
    `photo variants: ${perPhoto.toFixed(0)} ms per photo (3000x2000 JPEG -> AVIF, WebP, JPEG ladder + social crop)`,
  );
  lines.push(...(await memorySoak()));
  lines.push(...(await benchCoediting({ root, port: await freePort(), say: () => {} })));
  return lines;
}

async function memorySoak(): Promise<string[]> {
  const soakSeconds = Number(values['soak-seconds']) || 60;
  return soakLines(soakSeconds, await soakMemory(root, soakSeconds));
}

/** `masthead import` of `count` generated Markdown files into a fresh SQLite database. */
async function benchImport(count: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-import-bench-'));
  try {
    const files = path.join(dir, 'files');
    fs.mkdirSync(files);
    for (let i = 0; i < count; i++) {
      const paragraphs = Array.from({ length: 8 }, (_, p) =>
        `Paragraph ${p} of imported story ${i}, with a few sentences of text. `.repeat(4),
      );
      fs.writeFileSync(
        path.join(files, `story-${i}.md`),
        `---\nheadline: Imported story ${i}\ndek: A dek for story ${i}.\nsection: ${i % 2 ? 'World > Europe' : 'Business'}\ntags: [Archive, Topic ${i % 20}]\nauthors: [Reporter ${i % 15}]\nstatus: published\npublished_at: 2025-0${1 + (i % 9)}-1${i % 10}T08:00:00Z\n---\n${paragraphs.join('\n\n')}\n`,
      );
    }
    const config = loadConfig({ MASTHEAD_DATA: path.join(dir, 'data') });
    if (!config.ok) throw new Error(config.problems.join('; '));
    const database = await openDatabase({ dialect: 'sqlite', file: path.join(dir, 'data.sqlite') });
    try {
      await migrateToLatest(database.db);
      const started = performance.now();
      const failed = await runImport(database, config.config, [files], {
        progress: () => {},
        line: () => {},
      });
      const seconds = (performance.now() - started) / 1000;
      return `import of ${count} Markdown articles (SQLite): ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} files/s, ${failed} failed`;
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Articles whose pages the one client reads in turn from anywhere in the archive: more than it reaches in
 * a few seconds at a few milliseconds each, so few are read twice.
 */
const ARCHIVE_SAMPLE = 2000;

/**
 * Files the started servers write their output to, the access log included, emptied after every load.
 * A file, not a pipe to this process: reading a pipe of 20,000 log lines a second took this process's
 * CPU from the cores the server and wrk were measured on, a cost the bare server never had. A paper's
 * server writes its log to a file or a journal just the same.
 */
const serverLogs = new Set<string>();

function emptyServerLogs(): void {
  for (const file of serverLogs) fs.truncateSync(file, 0);
}

process.on('exit', () => {
  for (const file of serverLogs) fs.rmSync(file, { force: true });
});

/** Starts a server, on one CPU when `cpu` is given (`taskset` execs it, so the pid is the server's). */
function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  cpu?: number,
): Promise<ChildProcess> {
  const log = path.join(os.tmpdir(), `masthead-bench-${process.pid}-${serverLogs.size}.log`);
  // Appending: emptied under a running server, its next line goes to the file's start.
  const fd = fs.openSync(log, 'a');
  serverLogs.add(log);
  const [file, argv] = cpu === undefined ? [command, args] : [TASKSET, ['-c', String(cpu), command, ...args]];
  const child = spawn(file, argv, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const output = () => fs.readFileSync(log, 'utf8').slice(-8000);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (ready.test(output())) {
        clearInterval(poll);
        resolve(child);
      } else if (Date.now() - started > 60_000) {
        clearInterval(poll);
        reject(new Error(`did not start in 60 s:\n${output()}`));
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`exited with ${code}:\n${output()}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  process.exit(1);
});
