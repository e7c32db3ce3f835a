import fs from 'node:fs';

/**
 * Where a server's time went, from a V8 CPU profile (`node --cpu-prof`): each sample is charged to
 * one part of the answer, found by walking its stack from the innermost frame out and taking the first
 * frame that belongs to a part (the meter's HMAC runs in node:crypto, but it is the meter's cost).
 * Node's own frames belong to no part except its HTTP parser and socket writes and zlib, so a builtin
 * is charged to whoever called it. Divided by the requests served while profiling, each part is
 * microseconds per request: the figure issue 15 asks for.
 *
 * node dist/bench/profile-summary.js <file.cpuprofile> [requests]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
  /** CPU microseconds the process used while profiling (profile-hook.ts adds it). */
  cpuUs?: number;
}

/** Parts in the order they are tried on each frame, innermost frame first. */
const PARTS: readonly [string, (frame: CallFrame) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
  // The profiler's own session (profile-hook.ts) waiting on its stop message: not the server's work.
  ['idle', (f) => /bench\/profile-hook\.js$/.test(f.url)],
  [
    'access log (pino)',
    (f) => /node_modules\/(pino|sonic-boom|thread-stream|quick-format|fast-redact)/.test(f.url),
  ],
  ['cookie parse/serialize', (f) => /node_modules\/(@fastify\/cookie|cookie)\//.test(f.url)],
  ['meter (cookie verify/sign, HMAC)', (f) => /capabilities\/wall\/meter/.test(f.url)],
  ['wall choice', (f) => /capabilities\/wall\//.test(f.url)],
  [
    'SQL: run (driver)',
    (f) =>
      /node_modules\/(better-sqlite3|pg|pg-protocol|pg-pool)\/|kysely\/dist\/\w+\/dialect\/\w+\/[\w-]+-driver|platform\/database\//.test(
        f.url,
      ),
  ],
  ['SQL: build and compile (Kysely)', (f) => /node_modules\/kysely\//.test(f.url)],
  ['compression (zlib)', (f) => /^node:zlib|node:internal\/zlib/.test(f.url)],
  ['markdown', (f) => /node_modules\/(markdown-it|linkify-it|mdurl|uc\.micro|entities)\//.test(f.url)],
  [
    'render (Preact)',
    (f) => /node_modules\/preact|platform\/rendering\/|src\/reader\/.*\.js$|\.tsx?$/.test(f.url),
  ],
  [
    'front door + cache lookup',
    (f) => /platform\/http\/(front-door|cached-answer|page-cache|request-id|canonical-host)/.test(f.url),
  ],
  [
    'fastify (routing, hooks, reply)',
    (f) =>
      /node_modules\/(fastify|find-my-way|avvio|@fastify|fast-json-stringify|light-my-request|toad-cache|rfdc|fast-querystring|ret|safe-regex2|proxy-addr)\//.test(
        f.url,
      ),
  ],
  ['other app code', (f) => /\/dist\/src\//.test(f.url)],
  [
    'node http/net (parse, write)',
    (f) => /^node:(_http|net|internal\/(http|stream_base|net|streams))/.test(f.url),
  ],
  ['node http/net (parse, write)', (f) => f.functionName === '(program)'],
];

export interface Summary {
  /** Microseconds of profile, by part. */
  parts: Map<string, number>;
  /** Microseconds of self time, by function and file. */
  functions: Map<string, number>;
  totalUs: number;
  cpuUs?: number;
}

export function summarise(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string>();
  const part = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    let at: number | undefined = id;
    let found = 'other (node internals, runtime)';
    while (at !== undefined) {
      const frame = byId.get(at)!.callFrame;
      const hit = PARTS.find(([, test]) => test(frame));
      if (hit) {
        found = hit[0];
        break;
      }
      at = parent.get(at);
    }
    partOf.set(id, found);
    return found;
  };
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    const name = part(id);
    parts.set(name, (parts.get(name) ?? 0) + us);
    const f = byId.get(id)!.callFrame;
    const where = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}`;
    functions.set(where, (functions.get(where) ?? 0) + us);
  });
  return { parts, functions, totalUs, cpuUs: profile.cpuUs };
}

/** Lines of the summary: per request when the count is known, else milliseconds of profile. */
export function describe(summary: Summary, requests?: number, top = 25): string[] {
  const busy = summary.totalUs - (summary.parts.get('idle') ?? 0);
  // The samples are wall-clock: on a loaded machine they include time spent waiting for a core, so
  // each part is scaled to the CPU time the process used, shared out as the samples were.
  const scale = summary.cpuUs ? summary.cpuUs / busy : 1;
  const per = (us: number) =>
    requests
      ? `${((scale * us) / requests).toFixed(1).padStart(8)} us/req`
      : `${((scale * us) / 1000).toFixed(0).padStart(8)} ms`;
  const lines = [
    `${summary.cpuUs ? 'cpu' : 'busy'} ${per(busy)}${requests ? ` over ${requests} requests` : ''} (wall-clock samples ${(busy / 1000).toFixed(0)} ms, cpu ${((summary.cpuUs ?? busy) / 1000).toFixed(0)} ms)`,
  ];
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  for (const [name, us] of sorted(summary.parts)) {
    if (name === 'idle') continue;
    lines.push(`  ${name.padEnd(36)} ${per(us)}  ${((100 * us) / busy).toFixed(1).padStart(5)}%`);
  }
  lines.push('  top functions (self time):');
  for (const [name, us] of sorted(summary.functions).slice(0, top)) {
    if (name.startsWith('(idle)')) continue;
    lines.push(`    ${per(us)}  ${name}`);
  }
  return lines;
}

if (process.argv[1]?.endsWith('profile-summary.js')) {
  const [file, requests] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node dist/bench/profile-summary.js <file.cpuprofile> [requests]\n');
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  for (const line of describe(summarise(profile), requests ? Number(requests) : undefined)) {
    process.stdout.write(`${line}\n`);
  }
}
