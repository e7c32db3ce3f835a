import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createStaff } from '../src/capabilities/staff/staff-service.js';
import { signIn } from '../src/capabilities/staff/staff-session-service.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrator.js';
import { SERVE_MALLOC_ENV } from './memory-soak.js';
import { cpuOf } from './process-cpu.js';

/**
 * Live co-editing (issue 17's numbers), against Masthead in a process of its own on 127.0.0.1 (a fresh
 * SQLite data folder) so the editors' own cost is not counted:
 * - keystroke latency: 10 editors in one article, one types KEYSTROKES characters KEY_MS apart; for each,
 *   the time until each other editor's copy has it (p50/p95/p99; the issue asks 250 ms p95);
 * - memory: RSS and V8 heap (after a full GC) idle, then with 20 editors in one article and 200 more
 *   articles open by one editor each; per editor;
 * - CPU while typing: the 20 editors of the one article each type TYPING_RATE characters a second for
 *   TYPING_SECONDS; the server's CPU time per editor and per keystroke.
 */
const KEYSTROKES = 200;
const KEY_MS = 25;
const CROWD = 20;
const STORIES = 200;
const TYPING_RATE = 5;
const TYPING_SECONDS = 15;

/** Loaded into the server (`--import`, with `--expose-gc`): a full GC, then its memory, every second. */
const PROBE = `data:text/javascript,${encodeURIComponent(
  `import fs from 'node:fs';
   setInterval(() => {
     globalThis.gc?.();
     fs.writeFileSync(process.env.COEDIT_PROBE + '.next', JSON.stringify(process.memoryUsage()));
     fs.renameSync(process.env.COEDIT_PROBE + '.next', process.env.COEDIT_PROBE);
   }, 1000).unref();`,
)}`;

interface Editor {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
}

export async function benchCoediting(options: {
  root: string;
  port: number;
  say: (line: string) => void;
}): Promise<string[]> {
  const { root, port, say } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-coedit-'));
  const probe = path.join(dataDir, 'probe.json');
  const session = await staffSession(dataDir);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--expose-gc', '--import', PROBE, 'dist/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      MASTHEAD_DATA: dataDir,
      PORT: String(port),
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      // As `npm run serve` and the systemd units run it (ADR 0024, ADR 0030).
      ...SERVE_MALLOC_ENV,
      COEDIT_PROBE: probe,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const editors: Editor[] = [];
  try {
    await untilTrue(
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      300_000,
      'Masthead to answer',
    );
    const api = async (pathname: string, body: unknown) => {
      const res = await fetch(`${base}/api/admin/v1${pathname}`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    await api('/sections', { name: 'Bench' });
    const story = async (n: number) =>
      (
        await api('/articles', {
          headline: `Bench story ${n}`,
          section: 'bench',
          bodyMarkdown: 'The harbour reopened on Monday.\n\nShips queued at dawn.',
        })
      ).id;
    const crowded = await story(0);
    const others: string[] = [];
    for (let i = 1; i <= STORIES; i++) others.push(await story(i));
    const url = `ws://127.0.0.1:${port}/api/admin/v1/collab`;
    const open = async (name: string) => {
      const editor = await openEditor(url, name, session.cookie);
      editors.push(editor);
      return editor;
    };

    // Memory before: the demo seeded, photo jobs done, no live document loaded yet.
    await sleep(20_000);
    const idle = await memory(probe);
    const lines: string[] = [];

    // (a) Keystroke latency, 10 editors in one article.
    const ten = [] as Editor[];
    for (let i = 0; i < 10; i++) ten.push(await open(crowded));
    const latencies = await keystrokeLatency(ten);
    lines.push(
      `keystroke to another editor, 10 editors in one article, ${KEYSTROKES} keystrokes ${KEY_MS} ms apart ` +
        `(${latencies.length} arrivals): p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, ` +
        `p99 ${pct(latencies, 99)} ms, max ${pct(latencies, 100)} ms (budget: p95 under 250 ms)`,
    );
    say(lines.at(-1)!);

    // (b) 20 editors in one article, 200 more articles open by one editor each.
    for (let i = 10; i < CROWD; i++) await open(crowded);
    for (const name of others) await open(name);
    await sleep(5_000);
    const full = await memory(probe);
    const count = CROWD + STORIES;
    const per = (a: number, b: number) => (((b - a) * 1024) / count).toFixed(0);
    lines.push(
      `memory idle: RSS ${mb(idle.rss)} MB, heap used ${mb(idle.heapUsed)} MB; with ${CROWD} editors in one ` +
        `article and ${STORIES} articles open by one editor each (${count} editors, ${STORIES + 1} documents): ` +
        `RSS ${mb(full.rss)} MB, heap used ${mb(full.heapUsed)} MB; per editor: RSS ${per(mb(idle.rss), mb(full.rss))} KB, ` +
        `heap ${per(mb(idle.heapUsed), mb(full.heapUsed))} KB (the first connection loads Hocuspocus, Yjs and ProseMirror: counted here)`,
    );
    say(lines.at(-1)!);

    // CPU while the 20 editors of the one article type together.
    const crowd = editors.slice(0, CROWD);
    const cpuBefore = cpuOf(server.pid!);
    const started = Date.now();
    let keystrokes = 0;
    while (Date.now() - started < TYPING_SECONDS * 1000) {
      for (const editor of crowd) {
        typeAtEnd(editor.doc, 'x');
        keystrokes++;
      }
      await sleep(1000 / TYPING_RATE);
    }
    const cpuUs = cpuOf(server.pid!) - cpuBefore;
    const wallS = (Date.now() - started) / 1000;
    lines.push(
      `CPU while ${CROWD} editors in one article type ${TYPING_RATE} keystrokes a second each for ${wallS.toFixed(0)} s ` +
        `(${keystrokes} keystrokes, each sent to ${CROWD - 1} others), ${STORIES} other articles open: server ` +
        `${((cpuUs / 1e6 / wallS) * 100).toFixed(1)}% of a core, ${((cpuUs / 1e6 / wallS / CROWD) * 100).toFixed(2)}% ` +
        `per typing editor, ${(cpuUs / keystrokes).toFixed(0)} us per keystroke`,
    );
    say(lines.at(-1)!);
    lines.push(
      `load average when measured: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${os.cpus().length} cores)`,
    );
    say(lines.at(-1)!);
    return lines;
  } finally {
    for (const editor of editors) {
      editor.provider.destroy();
      editor.socket.destroy();
    }
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A staff member and their session, made in the database before the server starts. */
async function staffSession(dataDir: string): Promise<{ cookie: string; csrf: string }> {
  const database = await openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'masthead.sqlite') });
  try {
    await migrateToLatest(database.db);
    const email = 'bench-editor@news.example';
    const password = 'bench-password-long-enough';
    await createStaff(database.db, systemClock, { email, name: 'Bench Editor', role: 'editor', password });
    const signed = await signIn(database.db, systemClock, { email, password, userAgent: 'bench' });
    return { cookie: `masthead_staff=${signed.token}`, csrf: signed.csrfToken };
  } finally {
    await database.close();
  }
}

async function openEditor(url: string, name: string, cookie: string): Promise<Editor> {
  const doc = new Y.Doc();
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CookieSocket, maxAttempts: 1 });
  let provider!: HocuspocusProvider;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} never synced`)), 30_000);
    provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      token: 'session-cookie',
      onSynced: () => {
        clearTimeout(timer);
        resolve();
      },
      onAuthenticationFailed: ({ reason }) => reject(new Error(`refused: ${reason}`)),
    });
    provider.attach();
  });
  return { doc, provider, socket };
}

/** The first paragraph's text node, where every keystroke goes. */
function firstText(doc: Y.Doc): Y.XmlText {
  const paragraph = doc.getXmlFragment('body').get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

function typeAtEnd(doc: Y.Doc, text: string): void {
  const target = firstText(doc);
  target.insert(target.length, text);
}

/** One editor types; each other editor's copy is watched for each keystroke's arrival. */
async function keystrokeLatency(editors: Editor[]): Promise<number[]> {
  const [typist, ...readers] = editors as [Editor, ...Editor[]];
  const start = firstText(typist.doc).length;
  const sent: number[] = [];
  const arrivals: number[] = [];
  for (const reader of readers) {
    let seen = 0;
    reader.doc.on('update', () => {
      const now = performance.now();
      const typed = firstText(reader.doc).length - start;
      for (; seen < typed && seen < sent.length; seen++) arrivals.push(now - sent[seen]!);
    });
  }
  for (let k = 0; k < KEYSTROKES; k++) {
    sent.push(performance.now());
    typeAtEnd(typist.doc, 'k');
    await sleep(KEY_MS);
  }
  await untilTrue(
    async () => arrivals.length >= KEYSTROKES * readers.length,
    30_000,
    'every keystroke to arrive',
  );
  return arrivals;
}

async function memory(probe: string): Promise<NodeJS.MemoryUsage> {
  // Two probe ticks: the one read follows a GC made after the last change.
  await sleep(2_500);
  return JSON.parse(fs.readFileSync(probe, 'utf8')) as NodeJS.MemoryUsage;
}

function pct(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!.toFixed(1);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilTrue(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
