import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuOf } from './process-cpu.js';

/**
 * Load from wrk (Debian's `wrk`), a C load generator: a Node.js one (autocannon) saturates itself on
 * two cores at 12,000-16,000 requests a second and hides the server's own cost (BRIEF, issue 15).
 * One thread, so the other core is the server's; a Lua script sets the headers, makes each request
 * a cache miss when asked, cycles through a list of paths when given one, and prints the figures as
 * one JSON line when the run ends. With one connection it is the "one client" of the bench's table:
 * one request at a time, timed by wrk in C rather than by Node's fetch in the bench process (whose
 * own parsing and garbage collection would be added to the server's render time).
 */

export interface WrkResult {
  /** Requests completed in the run. */
  requests: number;
  rps: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors and answers of 400 or above; a run with any is not a figure. */
  errors: number;
  /**
   * How busy wrk itself was: its CPU time over the run's length, read just before it ends (1 is a core
   * fully used). Near 1, wrk may have been the limit; well below, it was waiting for the server.
   */
  loadShare: number | undefined;
}

export interface WrkOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Adds `bench=<n>` to every request's query, so no cache answers. */
  miss?: boolean;
  /**
   * Paths on `url`'s host asked for in turn, round and round, instead of `url`'s own path: pages from
   * across the archive rather than one page again and again.
   */
  paths?: readonly string[];
  /** The one CPU wrk runs on (`taskset -c`), so it never takes the server's core (see `benchCpus`). */
  cpu?: number;
}

export const TASKSET = '/usr/bin/taskset';

/**
 * Where the bench puts its processes on a machine of two cores or more: the server under test (Masthead
 * with one web process, and the bare server) on one CPU, wrk on another. Unpinned, the scheduler moved
 * them about and a server's rate swung by half within a minute while its CPU a request held (session 15);
 * pinned, each has a core of its own and the bare run beside each page is a fair baseline. Null when the
 * machine has one core or no taskset: the processes then share, and the bench says so.
 */
export function benchCpus(): { server: number; load: number } | null {
  if (os.availableParallelism() < 2 || !fs.existsSync(TASKSET)) return null;
  return { server: 0, load: 1 };
}

export const WRK = '/usr/bin/wrk';

/** Stops the bench with what to install when wrk is missing. */
export function requireWrk(): void {
  if (!fs.existsSync(WRK)) {
    throw new Error(
      `${WRK} is missing: install it with "apt-get install -y wrk" (the bench drives its load with wrk).`,
    );
  }
}

const lua = (text: string) => JSON.stringify(text); // ASCII headers and paths: JSON's escapes are Lua's too

/** The Lua script wrk runs: exported for its test, which runs it against a real server. */
export function wrkScript(options: WrkOptions): string {
  const u = new URL(options.url);
  const paths = options.paths ?? [`${u.pathname}${u.search}`];
  if (paths.length === 0) throw new Error('wrk: an empty list of paths');
  for (const p of paths) {
    if (!p.startsWith('/') || !/^[\x21-\x7e]+$/.test(p)) throw new Error(`wrk: "${p}" is not a path`);
  }
  // wrk adds `Host: <url's host>` unless the table has a key spelt "Host" exactly; a "host" beside it
  // made two Host headers, and Node keeps the first (wrk's), so the page was asked for at the wrong host.
  const headers = Object.entries(options.headers ?? {})
    .map(([name, value]) => `[${lua(name.toLowerCase() === 'host' ? 'Host' : name)}] = ${lua(value)}`)
    .join(', ');
  return `
local paths = { ${paths.map(lua).join(', ')} }
local miss = ${options.miss ? 'true' : 'false'}
local headers = { ${headers} }
local n = 0
request = function()
  local path = paths[(n % #paths) + 1]
  n = n + 1
  if miss then
    local sep = path:find("?", 1, true) and "&" or "?"
    return wrk.format("GET", path .. sep .. "bench=" .. n, headers)
  end
  return wrk.format("GET", path, headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"us":%d,"errors":%d,"p50":%d,"p95":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;
}

/** One bounded wrk run against `url`; resolves with requests a second and latency percentiles. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-wrk-'));
  const file = path.join(dir, 'load.lua');
  fs.writeFileSync(file, wrkScript(options));
  let loadShare: number | undefined;
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const wrkArgs = [
        '-t1',
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--timeout',
        '5s',
        '-s',
        file,
        options.url,
      ];
      const [command, args] =
        options.cpu === undefined ? [WRK, wrkArgs] : [TASKSET, ['-c', String(options.cpu), WRK, ...wrkArgs]];
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const started = performance.now();
      const sample = setTimeout(
        () => {
          try {
            if (child.pid) loadShare = cpuOf(child.pid) / ((performance.now() - started) * 1000);
          } catch {
            // wrk already gone: no figure.
          }
        },
        Math.max(0, options.seconds * 1000 - 150),
      );
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(sample);
        if (code === 0) resolve(text);
        else reject(new Error(`wrk exited ${code}:\n${text}`));
      });
    });
    const line = output.split('\n').find((l) => l.startsWith('WRK '));
    if (!line) throw new Error(`wrk printed no figures:\n${output}`);
    const r = JSON.parse(line.slice(4)) as {
      requests: number;
      us: number;
      errors: number;
      p50: number;
      p95: number;
      p99: number;
    };
    return {
      requests: r.requests,
      rps: r.requests / (r.us / 1e6),
      p50: r.p50 / 1000,
      p95: r.p95 / 1000,
      p99: r.p99 / 1000,
      errors: r.errors,
      loadShare,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
