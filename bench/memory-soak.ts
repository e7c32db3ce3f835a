import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PageCacheStats } from '../src/platform/http/page-cache.js';
import { readPageCacheReports } from '../src/platform/http/page-cache-report.js';
import { runWrk } from './wrk.js';

/**
 * A web process's memory at the defaults (issue 15: under 300 MB): Masthead on a fresh data folder (so the
 * demo edition is seeded, photos and all), its RSS and V8 heap idle, then peak under wrk load that alternates
 * a cached article page with cache misses (which fill the page cache to its budget). The process reports its
 * own heap through a module loaded with --import; RSS, and how much of it is file-backed (the node binary's
 * and libraries' code) rather than anonymous (heaps), is read from /proc.
 */
export interface SoakFigures {
  idle: MemorySample;
  /** The sample with the highest RSS. */
  peak: MemorySample;
  /** Highest heap used in any sample (rarely the peak RSS's). */
  peakHeapUsedMb: number;
  /**
   * Highest RSS in each minute of the load (each fifth, if shorter): growth shows as a rise that goes on
   * after the page cache is full; the first and last are the issue's figures.
   */
  rssByWindowMb: number[];
  /** Answers wrk read, and how many were errors (timeouts, 400 and above). */
  load: { requests: number; errors: number };
  /** The page cache's own figures at the end (its report in the data folder, written every half minute). */
  pageCache: PageCacheStats | null;
}

/** One sample of the process's memory, in MB. */
export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** Memory V8 is told about outside its heap; arrayBuffers (Buffers: the page cache's bodies) is part of it. */
  external: number;
  arrayBuffers: number;
  /** RSS from /proc/<pid>/smaps_rollup: anonymous (heaps, malloc) and file-backed (mapped code and data). */
  anonymous: number;
  fileBacked: number;
}

/** The budget issue 15 sets for one web process at the defaults. */
export const RSS_BUDGET_MB = 300;

/**
 * The C library's memory settings `npm run serve` and the systemd units start Masthead with (ADR 0024,
 * ADR 0030), so what the bench measures is what a paper runs. Values set for the bench are kept, and one
 * set empty is left out (the C library's own default), to measure what a setting buys.
 */
const SERVE_MALLOC = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };
export const SERVE_MALLOC_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(SERVE_MALLOC)
    .map(([name, value]) => [name, process.env[name] ?? value])
    .filter(([, value]) => value !== ''),
);

const PROBE = `data:text/javascript,${encodeURIComponent(
  `import fs from 'node:fs';
   setInterval(() => {
     fs.writeFileSync(process.env.SOAK_PROBE + '.next', JSON.stringify(process.memoryUsage()));
     fs.renameSync(process.env.SOAK_PROBE + '.next', process.env.SOAK_PROBE);
   }, 500).unref();`,
)}`;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function soakMemory(root: string, seconds: number, port = 3947): Promise<SoakFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-soak-'));
  const probe = path.join(dataDir, 'probe.json');
  const server = spawn(process.execPath, ['--import', PROBE, 'dist/src/main.js'], {
    cwd: root,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in SERVE_MALLOC))),
      ...SERVE_MALLOC_ENV,
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SOAK_PROBE: probe,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The probe replaces its file by a rename, so a read never sees it half written.
  const read = (): MemorySample => {
    const usage = JSON.parse(fs.readFileSync(probe, 'utf8')) as NodeJS.MemoryUsage;
    const rollup = fs.readFileSync(`/proc/${server.pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    return {
      rss: mb(usage.rss),
      heapTotal: mb(usage.heapTotal),
      heapUsed: mb(usage.heapUsed),
      external: mb(usage.external),
      arrayBuffers: mb(usage.arrayBuffers),
      anonymous: mb(kb('Anonymous') * 1024),
      fileBacked: mb((kb('Rss') - kb('Anonymous') - kb('Shmem')) * 1024),
    };
  };
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('Masthead did not answer /healthz within 5 minutes');
      if (
        await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const host = new URL(`http://localhost:${port}`).host;
    const home = await (await fetch(`${base}/`, { headers: { host } })).text();
    const article = /href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/.exec(home)?.[1];
    if (!article) throw new Error('the demo front page links no article');
    // Idle: the photo jobs the seed queued finish, the heap settles.
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    const idle = read();
    let peak = idle;
    let peakHeapUsedMb = idle.heapUsed;
    const started = Date.now();
    const window = Math.min(60_000, (seconds * 1000) / 5);
    const byWindow: number[] = [];
    const sampler = setInterval(() => {
      const now = read();
      const at = Date.now();
      const index = Math.min(Math.floor((at - started) / window), Math.ceil((seconds * 1000) / window) - 1);
      byWindow[index] = Math.max(byWindow[index] ?? 0, now.rss);
      if (now.rss > peak.rss) peak = now;
      peakHeapUsedMb = Math.max(peakHeapUsedMb, now.heapUsed);
    }, 500);
    const headers = { host, 'accept-encoding': 'br, gzip' };
    const end = Date.now() + seconds * 1000;
    const load = { requests: 0, errors: 0 };
    for (let round = 0; Date.now() < end; round++) {
      const slice = Math.max(1, Math.min(10, Math.round((end - Date.now()) / 1000)));
      const result = await runWrk({
        url: `${base}${article}`,
        connections: 50,
        seconds: slice,
        headers,
        miss: round % 2 === 1,
      });
      load.requests += result.requests;
      load.errors += result.errors;
    }
    clearInterval(sampler);
    return {
      idle,
      peak,
      peakHeapUsedMb,
      rssByWindowMb: Array.from(byWindow, (rss) => rss ?? 0),
      load,
      pageCache: readPageCacheReports(dataDir, new Date()).find((r) => r.pid === server.pid)?.stats ?? null,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The lines the bench prints: the budget check first, then where the memory is. */
export function soakLines(seconds: number, figures: SoakFigures): string[] {
  const { idle, peak, pageCache } = figures;
  const within = peak.rss < RSS_BUDGET_MB;
  const part = (m: MemorySample) =>
    `V8 heap ${m.heapTotal} MB (${m.heapUsed} used), external ${m.external} MB (Buffers ${m.arrayBuffers}); ` +
    `anonymous ${m.anonymous} MB, file-backed ${m.fileBacked} MB`;
  const lines = [
    `memory soak (${seconds} s, fresh demo, defaults): peak RSS ${peak.rss} MB against the budget of ` +
      `${RSS_BUDGET_MB} MB: ${within ? 'within' : 'OVER'}; idle ${idle.rss} MB; highest in the first and last ` +
      `${seconds >= 300 ? 'minute' : 'fifth'} ${figures.rssByWindowMb[0] ?? 0} and ${figures.rssByWindowMb.at(-1) ?? 0} MB ` +
      `(${figures.load.requests} requests, ${figures.load.errors} errors)`,
    `  idle: ${part(idle)}`,
    `  peak: ${part(peak)}; highest heap used ${figures.peakHeapUsedMb} MB`,
    `  highest RSS by ${seconds >= 300 ? 'minute' : 'fifth'}: ${figures.rssByWindowMb.join(' ')} MB`,
  ];
  if (pageCache) {
    lines.push(
      `  page cache: ${pageCache.entries} pages, ${mb(pageCache.bytes)} of ${mb(pageCache.maxBytes)} MB, ` +
        `${pageCache.hits} hits, ${pageCache.misses} misses, ${pageCache.evictions} evicted (its last report)`,
    );
  }
  return lines;
}
