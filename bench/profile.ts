import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrations } from '../migrations/index.js';
import { articlePath } from '../src/capabilities/site/urls.js';
import { openDatabase } from '../src/platform/database/database.js';
import { SERVE_MALLOC_ENV } from './memory-soak.js';
import { cpuOf } from './process-cpu.js';
import { type CpuProfile, describe, summarise } from './profile-summary.js';
import { wallBenchTargets } from './wall-bench.js';
import { requireWrk, runWrk } from './wrk.js';

/**
 * Where the time of each kind of answer goes (issue 15): the server runs with a CPU profiler that
 * records exactly each measured load (profile-hook.ts), and each profile is summarised as
 * microseconds per request by part (profile-summary.ts). With `--trace-gc`, the garbage collector's
 * pauses during each load are counted instead. Uses the archive `npm run bench -- --articles N` keeps.
 *
 * node dist/bench/profile.js [--articles 10000] [--seconds 5]
 *   [--only free,metered,cut,home,miss,home-miss,section-miss,search-miss]
 *                            [--trace-gc] [--no-profile] [--server other/dist/src/main.js]
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string', default: 'free,metered,cut,home,miss' },
    'trace-gc': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    /** Another build's main.js: to profile the code before a change against the same archive. */
    server: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const schema = Object.keys(migrations).at(-1) ?? 'none';
const dataDir = path.join(os.tmpdir(), `masthead-bench-${values.articles}-${schema}`);
const profileOut = path.join(os.tmpdir(), `masthead-profile-${process.pid}`);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  requireWrk();
  const file = path.join(dataDir, 'masthead.sqlite');
  if (!fs.existsSync(path.join(dataDir, 'generated'))) {
    throw new Error(`no archive in ${dataDir}: make it with npm run bench -- --articles ${values.articles}`);
  }
  const free = await newestFreeArticle(file);
  const wall = await wallBenchTargets(file);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const flags = [
    ...(values['no-profile'] ? [] : ['--import', path.join(here, 'profile-hook.js')]),
    ...(values['trace-gc'] ? ['--trace-gc'] : []),
  ];
  const main = values.server ?? path.join(root, 'dist/src/main.js');
  const server = spawn(process.execPath, [...flags, main], {
    env: {
      ...process.env,
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      LOG_LEVEL: values['log-level'],
      // As `npm run serve` and the systemd units run it, like the bench (ADR 0024, ADR 0030).
      ...SERVE_MALLOC_ENV,
      PROFILE_OUT: profileOut,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = watch(server);
  try {
    await output.until(/Reader site:/);
    const bare = await startBare(base, free, flags);
    const scenarios: Record<string, { url: string; headers?: Record<string, string>; miss?: boolean }> = {
      free: { url: `${base}${free}` },
      metered: { url: `${base}${wall.article}`, headers: { cookie: wall.underLimit } },
      cut: { url: `${base}${wall.article}`, headers: { cookie: wall.overLimit } },
      home: { url: `${base}/` },
      miss: { url: `${base}${free}`, miss: true },
      'home-miss': { url: `${base}/`, miss: true },
      'section-miss': { url: `${base}/section/section-0`, miss: true },
      'search-miss': { url: `${base}/search?q=harbour+budget`, miss: true },
    };
    try {
      await runWrk({ url: bare.url, connections, seconds: 2 });
      if (!values['no-profile']) bare.child.kill('SIGUSR2');
      const bareBefore = cpuOf(bare.child.pid!);
      const baseline = await runWrk({ url: bare.url, connections, seconds });
      const bareCpu = (cpuOf(bare.child.pid!) - bareBefore) / (baseline.rps * seconds);
      say(`bare node:http: ${baseline.rps.toFixed(0)} req/s, p99 ${baseline.p99.toFixed(1)} ms`);
      if (!values['no-profile']) {
        bare.child.kill('SIGUSR2');
        const written = await bare.output.until(/profile written: (\S+)/);
        const profile = JSON.parse(fs.readFileSync(written[1]!, 'utf8')) as CpuProfile;
        for (const line of describe(summarise(profile), Math.round(baseline.rps * seconds), 8)) say(line);
      }
      for (const name of values.only.split(',')) {
        const s = scenarios[name];
        if (!s) throw new Error(`no scenario ${name}: ${Object.keys(scenarios).join(', ')}`);
        // The miss is one reader at a time: the render time a reader waits for, not a queue.
        const c = s.miss ? 1 : connections;
        await runWrk({ ...s, connections: c, seconds: 2 });
        output.gcLines = [];
        if (!values['no-profile']) server.kill('SIGUSR2');
        const cpuBefore = cpuOf(server.pid!);
        const r = await runWrk({ ...s, connections: c, seconds });
        const cpuUs = cpuOf(server.pid!) - cpuBefore;
        if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
        const requests = Math.round(r.rps * seconds);
        say('');
        say(
          `${name}: ${r.rps.toFixed(0)} req/s (${(r.rps / baseline.rps).toFixed(2)}x bare), p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, cpu ${(cpuUs / requests).toFixed(1)} us/req (bare ${bareCpu.toFixed(1)})`,
        );
        if (values['trace-gc']) say(gcSummary(output.gcLines, requests));
        if (values['no-profile']) continue;
        server.kill('SIGUSR2');
        const written = await output.until(/profile written: (\S+)/);
        const profile = JSON.parse(fs.readFileSync(written[1]!, 'utf8')) as CpuProfile;
        for (const line of describe(summarise(profile), requests, 18)) say(line);
        say(`  (profile kept in ${written[1]})`);
      }
    } finally {
      bare.child.kill('SIGTERM');
    }
  } finally {
    server.kill('SIGTERM');
  }
}

/**
 * CPU microseconds a process has used, all its threads, from /proc: what a request costs whatever
 * else the machine runs, where requests a second depend on how much of a core the server was given.
 */

/** The pauses --trace-gc printed during one load: how many, how long, and per 1,000 requests. */
function gcSummary(lines: string[], requests: number): string {
  let scavenges = 0;
  let marks = 0;
  let pauseMs = 0;
  for (const line of lines) {
    const ms = /, ([0-9.]+) \/ [0-9.]+ ms/.exec(line);
    if (/Scavenge/.test(line)) scavenges += 1;
    else if (/Mark-Compact|Mark-sweep/.test(line)) marks += 1;
    else continue;
    pauseMs += ms ? Number(ms[1]) : 0;
  }
  return `  gc: ${scavenges} scavenges, ${marks} mark-compacts, ${pauseMs.toFixed(0)} ms paused (${((1000 * scavenges) / requests).toFixed(1)} scavenges per 1,000 requests, ${((1000 * pauseMs) / requests).toFixed(1)} us per request)`;
}

/** The server's output, read to the end (a full pipe stalls it), kept only as far as asked. */
function watch(child: ChildProcess) {
  let pending: { pattern: RegExp; resolve: (m: RegExpExecArray) => void } | null = null;
  let tail = '';
  const state = {
    gcLines: [] as string[],
    until(pattern: RegExp): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const found = pattern.exec(tail);
        if (found) {
          tail = tail.slice(found.index + found[0].length);
          return resolve(found);
        }
        pending = { pattern, resolve };
        setTimeout(
          () => reject(new Error(`waited 60 s for ${pattern}:\n${tail.slice(-2000)}`)),
          60_000,
        ).unref();
      });
    },
  };
  const onData = (d: Buffer) => {
    const text = d.toString();
    for (const line of text.split('\n'))
      if (line.startsWith('[') && /ms: /.test(line)) state.gcLines.push(line);
    // Access-log lines are not kept: only what a pending wait looks for, and the last few kilobytes.
    tail = (tail + text.replace(/^\{"level":30[^\n]*\n/gm, '')).slice(-8000);
    if (pending) {
      const found = pending.pattern.exec(tail);
      if (found) {
        tail = tail.slice(found.index + found[0].length);
        const { resolve } = pending;
        pending = null;
        resolve(found);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return state;
}

/** The bare node:http server sending the free article's bytes and headers, as npm run bench does. */
async function startBare(
  base: string,
  article: string,
  flags: string[],
): Promise<{ child: ChildProcess; url: string; output: ReturnType<typeof watch> }> {
  const page = await fetch(`${base}${article}`);
  const body = Buffer.from(await page.arrayBuffer());
  const headers: Record<string, string> = {};
  page.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name))
      headers[name] = value;
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-profile-bare-'));
  fs.writeFileSync(path.join(dir, 'page.html'), body);
  fs.writeFileSync(path.join(dir, 'headers.json'), JSON.stringify(headers));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...flags,
      path.join(here, 'bare-server.js'),
      path.join(dir, 'page.html'),
      String(port),
      path.join(dir, 'headers.json'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PROFILE_OUT: `${profileOut}-bare` } },
  );
  const output = watch(child);
  await output.until(/listening/);
  return { child, url: `http://127.0.0.1:${port}/`, output };
}

async function newestFreeArticle(file: string): Promise<string> {
  const database = await openDatabase({ dialect: 'sqlite', file });
  try {
    const a = await database.db
      .selectFrom('articles')
      .select(['slug', 'first_published_at'])
      .where('status', '=', 'published')
      .where('access', '=', 'free')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return articlePath({ slug: a.slug, firstPublishedAt: a.first_published_at }, 'UTC');
  } finally {
    await database.close();
  }
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
  process.stderr.write(`profile failed: ${(error as Error).message}\n`);
  process.exit(1);
});
