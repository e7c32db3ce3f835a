import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { articlePath } from '../src/capabilities/site/urls.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrator.js';
import { generateArchive } from './generate.js';

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
  await prepareData();
  const port = await freePort();
  const server = await start(
    process.execPath,
    [path.join(root, 'dist/src/main.js')],
    {
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'error',
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
    const page = await fetch(articleUrl);
    if (page.status !== 200) throw new Error(`article page answered ${page.status}`);
    const bytes = Buffer.from(await page.arrayBuffer());
    const pageFile = path.join(dataDir, 'bench-article.html');
    fs.writeFileSync(pageFile, bytes);
    say(`Article page: ${target.article} (${bytes.length} bytes)`);

    const barePort = await freePort();
    bare = await start(
      process.execPath,
      [path.join(here, 'bare-server.js'), pageFile, String(barePort)],
      {},
      /listening/,
    );
    const baseline = await load('bare node:http, same bytes', `http://127.0.0.1:${barePort}/`);
    results.push(baseline);
    results.push(await load('cached article page', articleUrl));
    results.push(await load('article page, cache miss (render)', articleUrl, true));
    for (const [name, url] of [
      ['home page, cache miss', `${base}/`],
      ['section page, cache miss', `${base}${target.section}`],
      ['search page, cache miss', `${base}/search?q=harbour+budget`],
    ] as const) {
      const probe = await fetch(url);
      await probe.arrayBuffer();
      if (probe.status === 200) results.push(await load(name, url, true));
      else say(`${name}: skipped, the page answered ${probe.status}`);
    }
    const renders = await sequentialMisses(articleUrl, 300);

    say('');
    say(
      `Masthead bench: ${articles.toLocaleString('en-US')} articles, ${connections} connections, ${seconds} s each, 127.0.0.1`,
    );
    say(
      `${'scenario'.padEnd(36)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs bare'.padStart(8)}`,
    );
    for (const r of results) {
      say(
        `${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${(r.rps / baseline.rps).toFixed(2).padStart(7)}x`,
      );
    }
    say(
      `single-client cache-miss article render: mean ${renders.mean.toFixed(2)} ms, p50 ${renders.p50.toFixed(2)} ms, p95 ${renders.p95.toFixed(2)} ms (${renders.n} requests)`,
    );
  } finally {
    bare?.kill('SIGTERM');
    server.kill('SIGTERM');
  }
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
}

/** A bounded load: `seconds` long, `connections` at once; `miss` adds a unique query so no cache answers. */
async function load(name: string, url: string, miss = false): Promise<Row> {
  let n = 0;
  const u = new URL(url);
  const result = await autocannon({
    url: u.origin,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const sep = u.search ? '&' : '?';
          return {
            ...req,
            path: miss ? `${u.pathname}${u.search}${sep}bench=${n++}` : `${u.pathname}${u.search}`,
          };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function sequentialMisses(url: string, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(`${url}?seq=${i}`);
    await res.arrayBuffer();
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
    say(`Reusing the archive in ${dataDir}`);
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

/** The newest article's page and the busiest section's page. */
async function pickTargets(): Promise<{ article: string; section: string }> {
  const database = await openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'masthead.sqlite') });
  try {
    const article = await database.db
      .selectFrom('articles')
      .select(['slug', 'first_published_at'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      article: articlePath({ slug: article.slug, firstPublishedAt: article.first_published_at }, 'UTC'),
      section: '/section/section-0',
    };
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
    const onData = (d: Buffer) => {
      output += d;
      if (ready.test(output)) {
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
