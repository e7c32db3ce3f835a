import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { articlePath } from '../src/capabilities/site/urls.js';
import { runImport } from '../src/cli/import-command.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrator.js';
import { generateArchive } from './generate.js';
import { benchVariants } from './media-bench.js';
import { timeSearches } from './search-bench.js';
import { wallBenchTargets } from './wall-bench.js';
import { requireWrk, runWrk } from './wrk.js';

/**
 * npm run bench [-- --articles N --seconds S --connections C]
 * Generates (or reuses) an archive of N articles, starts Masthead and a bare node:http server on
 * 127.0.0.1, and measures each scenario with a bounded load. Every figure is printed beside the bare
 * server's, measured in the same run: ratios, not absolute numbers, are what compare across machines.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    data: { type: 'string' },
  },
});
const articles = Number(values.articles);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!Number.isInteger(articles) || articles < 10 || !(seconds > 0) || !(connections > 0)) {
  process.stderr.write('Usage: npm run bench -- [--articles N>=10] [--seconds S] [--connections C]\n');
  process.exit(2);
}
const dataDir = values.data ?? path.join(os.tmpdir(), `masthead-bench-${articles}`);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  requireWrk();
  await prepareData();
  const port = await freePort();
  const server = await start(
    process.execPath,
    [path.join(root, 'dist/src/main.js')],
    {
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      // The load goes to 127.0.0.1: pages asked for at another host than PUBLIC_URL's are redirected.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The access log stays on (info), as a paper runs it: its cost is part of every answer.
      LOG_LEVEL: 'info',
      PATH: process.env.PATH ?? '',
    },
    /Reader site:/,
  );
  const base = `http://127.0.0.1:${port}`;
  const results: Row[] = [];
  let bare: ChildProcess | undefined;
  try {
    const target = await pickTargets();
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
    );
    // Both servers warm up first (their JIT), so neither pays for it inside a measured run.
    await warmUp(`http://127.0.0.1:${barePort}/`);
    await warmUp(articleUrl);
    const baseline = await load('bare node:http, same bytes', `http://127.0.0.1:${barePort}/`);
    results.push(baseline);
    results.push(await load('cached article page', articleUrl));
    // The wall's cost: a metered article for an anonymous reader. Under the limit every request
    // checks the meter cookie, counts the article, signs and sets a new cookie; past it, the cut page.
    const wall = await wallBenchTargets(path.join(dataDir, 'masthead.sqlite'));
    const wallUrl = `${base}${wall.article}`;
    results.push(
      await load('cached metered article, under limit', wallUrl, false, { cookie: wall.underLimit }),
    );
    results.push(await load('cached metered article, cut', wallUrl, false, { cookie: wall.overLimit }));
    // Every uncached scenario is measured twice: under load (a distinct URL per request, so no page
    // cache answers), then one request at a time, which is the render time a reader waits for.
    const uncached = [
      ['article page, cache miss (render)', articleUrl, 300],
      ['home page, cache miss', `${base}/`, SINGLE_CLIENT],
      ['section page, cache miss', `${base}${target.section}`, SINGLE_CLIENT],
      ['search page, cache miss', `${base}/search?q=harbour+budget`, SINGLE_CLIENT],
    ] as const;
    for (const [name, url, count] of uncached) {
      const probe = await fetch(url);
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        say(`${name}: skipped, the page answered ${probe.status}`);
        continue;
      }
      const row = await load(name, url, true);
      row.single = await sequentialMisses((i) => withParam(url, `seq=${i}`), count);
      results.push(row);
    }
    // The same article again and again stays in SQLite's and the OS's caches; readers arrive on any.
    const spread = target.archive.map((p) => `${base}${p}`);
    const archive = await sequentialMisses((i) => spread[i % spread.length]!, spread.length);
    bare?.kill('SIGTERM');
    server.kill('SIGTERM');
    const extras = await measureExtras();

    say('');
    say(
      `Masthead bench: ${articles.toLocaleString('en-US')} articles, ${connections} connections, ${seconds} s each, 127.0.0.1`,
    );
    say(
      `${'scenario'.padEnd(36)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs bare'.padStart(8)}   one client: p50 / p95 ms`,
    );
    for (const r of results) {
      const single = r.single
        ? `   ${r.single.p50.toFixed(2)} / ${r.single.p95.toFixed(2)} (${r.single.n})`
        : '';
      say(
        `${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${(r.rps / baseline.rps).toFixed(2).padStart(7)}x${single}`,
      );
    }
    say(
      `${'article pages across the archive'.padEnd(36)} ${'-'.padStart(9)} ${'-'.padStart(7)} ${'-'.padStart(7)} ${'-'.padStart(8)}   ${archive.p50.toFixed(2)} / ${archive.p95.toFixed(2)} (${archive.n} distinct articles, each uncached)`,
    );
    // wrk must not be the limit: the bare server under the same load has to run well above every page.
    const fastest = Math.max(...results.filter((r) => r !== baseline).map((r) => r.rps));
    const headroom = baseline.rps / fastest;
    say(
      headroom >= 1.25
        ? `load generator check: the bare server ran ${headroom.toFixed(2)}x the fastest page, so wrk was not the limit`
        : `WARNING: the bare server ran only ${headroom.toFixed(2)}x the fastest page: the load generator may be the limit, and the ratios above understate the gap`,
    );
    for (const line of extras) say(line);
  } finally {
    bare?.kill('SIGTERM');
    server.kill('SIGTERM');
  }
}

/** Headers node:http adds to every response itself. */
const NODE_SETS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** One request at a time, each a cache miss. */
  single?: Timing;
}

interface Timing {
  n: number;
  mean: number;
  p50: number;
  p95: number;
}

/** Requests one at a time per uncached page: bounded, about 10 s at 50 ms each. */
const SINGLE_CLIENT = 200;

function withParam(url: string, param: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${param}`;
}

/** A bounded wrk load: `seconds` long, `connections` at once; `miss` adds a unique query so no cache answers. */
async function load(
  name: string,
  url: string,
  miss = false,
  headers: Record<string, string> = {},
): Promise<Row> {
  const result = await runWrk({ url, connections, seconds, headers, miss });
  if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors or answers of 400 and above`);
  return { name, rps: result.rps, p50: result.p50, p99: result.p99 };
}

/** Two seconds of load whose figures are thrown away. */
async function warmUp(url: string): Promise<void> {
  await runWrk({ url, connections, seconds: 2 });
}

/** Figures that are not request loads: search service time, the importer, photo variants. */
async function measureExtras(): Promise<string[]> {
  const lines: string[] = [];
  const database = await openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'masthead.sqlite') });
  try {
    for (const t of await timeSearches(database.db, 'sqlite', 10)) {
      lines.push(
        `search service "${t.name}": p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${t.total} matches)`,
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
  return lines;
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

/** `count` requests one after another; `urlFor(i)` must differ each time so that none is cached. */
async function sequentialMisses(urlFor: (i: number) => string, count: number): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(urlFor(i));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${urlFor(i)} answered ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { n: count, mean: times.reduce((a, b) => a + b, 0) / count, p50: at(0.5), p95: at(0.95) };
}

async function prepareData() {
  const file = path.join(dataDir, 'masthead.sqlite');
  const marker = path.join(dataDir, 'generated');
  if (fs.existsSync(marker)) {
    say(`Reusing the archive in ${dataDir}; bringing its schema up to date ...`);
    // Here rather than at the server's start: a migration that rebuilds an index over a million
    // articles takes minutes, longer than the server is given to start.
    const started = Date.now();
    const database = await openDatabase({ dialect: 'sqlite', file });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
    say(`Schema up to date in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  say(`Generating ${articles.toLocaleString('en-US')} articles in ${dataDir} ...`);
  const started = Date.now();
  const database = await openDatabase({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(database.db);
    await generateArchive(database.db, articles, say);
  } finally {
    await database.close();
  }
  fs.writeFileSync(marker, new Date().toISOString());
  say(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Articles whose pages are read one by one, uncached, from anywhere in the archive. */
const ARCHIVE_SAMPLE = 200;

/** The newest article's page, the busiest section's page, and pages from across the archive. */
async function pickTargets(): Promise<{ article: string; section: string; archive: string[] }> {
  const database = await openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'masthead.sqlite') });
  try {
    const { db } = database;
    const article = await db
      .selectFrom('articles')
      .select(['slug', 'first_published_at'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const { top } = await db
      .selectFrom('articles')
      .select(sql<number>`max(rowid)`.as('top'))
      .executeTakeFirstOrThrow();
    const rowids = Array.from({ length: ARCHIVE_SAMPLE }, (_, i) => 1 + ((i * 7919 + 104_729) % top));
    const spread = await db
      .selectFrom('articles')
      .select(['slug', 'first_published_at'])
      .where(sql<boolean>`rowid in (${sql.join(rowids)})`)
      .where('status', '=', 'published')
      .execute();
    const path = (a: { slug: string; first_published_at: string | null }) =>
      articlePath({ slug: a.slug, firstPublishedAt: a.first_published_at }, 'UTC');
    return { article: path(article), section: '/section/section-0', archive: spread.map(path) };
  } finally {
    await database.close();
  }
}

function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`did not start in 60 s:\n${output}`)), 60_000);
    let started = false;
    // Read to the end (a full pipe would stall the server), but keep only what comes before ready:
    // the access log of a whole bench run is not worth holding in memory.
    const onData = (d: Buffer) => {
      if (started) return;
      output += d;
      if (ready.test(output)) {
        started = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
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
