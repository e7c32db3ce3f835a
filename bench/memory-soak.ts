import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runWrk } from './wrk.js';

/**
 * A web process's memory at the defaults (issue 15: under 300 MB): Masthead on a fresh data folder (so the
 * demo edition is seeded, photos and all), its RSS and V8 heap idle, then peak under wrk load that alternates
 * a cached article page with cache misses (which fill the page cache to its budget). The process reports its
 * own heap through a module loaded with --import; RSS is read from /proc.
 */
export interface SoakFigures {
  idleRssMb: number;
  idleHeapUsedMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** Highest RSS in the load's first and last minute (or fifth, if shorter): growth shows as the second above the first. */
  firstRssMb: number;
  lastRssMb: number;
}

const PROBE = `data:text/javascript,${encodeURIComponent(
  `import fs from 'node:fs';
   setInterval(() => {
     const m = process.memoryUsage();
     fs.writeFileSync(process.env.SOAK_PROBE + '.next', JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed }));
     fs.renameSync(process.env.SOAK_PROBE + '.next', process.env.SOAK_PROBE);
   }, 500).unref();`,
)}`;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function soakMemory(root: string, seconds: number, port = 3947): Promise<SoakFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-soak-'));
  const probe = path.join(dataDir, 'probe.json');
  const server = spawn(process.execPath, ['--import', PROBE, 'dist/src/main.js'], {
    cwd: root,
    // What `npm start` runs with (package.json's serve script sets MALLOC_ARENA_MAX).
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SOAK_PROBE: probe,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The probe replaces its file by a rename, so a read never sees it half written.
  const read = () => JSON.parse(fs.readFileSync(probe, 'utf8')) as { rss: number; heapUsed: number };
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
    const started = Date.now();
    const window = Math.min(60_000, (seconds * 1000) / 5);
    let first = 0;
    let last = 0;
    const sampler = setInterval(() => {
      const now = read();
      const at = Date.now();
      if (at - started <= window) first = Math.max(first, now.rss);
      if (at >= started + seconds * 1000 - window) last = Math.max(last, now.rss);
      if (now.rss > peak.rss) peak = { rss: now.rss, heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
      else if (now.heapUsed > peak.heapUsed) peak = { ...peak, heapUsed: now.heapUsed };
    }, 500);
    const headers = { host, 'accept-encoding': 'br, gzip' };
    const end = Date.now() + seconds * 1000;
    for (let round = 0; Date.now() < end; round++) {
      const slice = Math.max(1, Math.min(10, Math.round((end - Date.now()) / 1000)));
      await runWrk({
        url: `${base}${article}`,
        connections: 50,
        seconds: slice,
        headers,
        miss: round % 2 === 1,
      });
    }
    clearInterval(sampler);
    return {
      idleRssMb: mb(idle.rss),
      idleHeapUsedMb: mb(idle.heapUsed),
      peakRssMb: mb(peak.rss),
      peakHeapUsedMb: mb(peak.heapUsed),
      firstRssMb: mb(first),
      lastRssMb: mb(last),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The line the bench prints. */
export function soakLine(seconds: number, figures: SoakFigures): string {
  return (
    `memory soak (${seconds} s, fresh demo, defaults): idle RSS ${figures.idleRssMb} MB (heap used ` +
    `${figures.idleHeapUsedMb} MB), peak RSS ${figures.peakRssMb} MB (heap used ${figures.peakHeapUsedMb} MB), ` +
    `highest in the first and last ${seconds >= 300 ? 'minute' : 'fifth'} ${figures.firstRssMb} and ${figures.lastRssMb} MB; ` +
    `budget 300 MB: ${figures.peakRssMb < 300 ? 'within' : 'OVER'}`
  );
}
