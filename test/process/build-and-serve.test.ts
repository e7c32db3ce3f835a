import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  freePort,
  type ProcessDatabase,
  processDatabase,
  type Ran,
  ROOT,
  run,
  type Started,
  startServer,
  webProcesses,
} from '../support/processes.js';

// `npm run build` and `npm run serve` as an operator runs them (ADR 0024), in copies of the checkout: the
// worktree's own dist/ is used by other tests meanwhile and must not be rebuilt or made stale under them.
// One full build is shared by the file (~25 s of tsc and Vite); each test leaves the copy built and current.

/** What bin/build.js and bin/serve.js read: the build's inputs, the tools' configuration, the scripts. */
const CHECKOUT = [
  'bin',
  'src',
  'migrations',
  'bench',
  'newsroom',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];

const copies: string[] = [];

/** A copy of the checkout without dist/, sharing the worktree's node_modules through a link. */
function copyCheckout(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-build-'));
  copies.push(dir);
  for (const entry of CHECKOUT) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (source) => path.basename(source) !== 'node_modules',
    });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Every file under `dir` (hidden ones too: the stamps) with its modification time. */
function filesWithTimes(dir: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    times.set(path.relative(dir, file), fs.statSync(file).mtimeMs);
  }
  return times;
}

/** The build's outputs outside the newsroom app: the server, migrations and bench, and their stamp. */
function serverFiles(checkout: string): Map<string, number> {
  const all = filesWithTimes(path.join(checkout, 'dist'));
  for (const file of all.keys()) if (file.startsWith(`newsroom${path.sep}`)) all.delete(file);
  return all;
}

function read(checkout: string, file: string): string {
  return fs.readFileSync(path.join(checkout, file), 'utf8');
}

/** Changes a source file of the copy; returns the function that puts it back as it was. */
function edit(checkout: string, file: string, change: (text: string) => string): () => void {
  const full = path.join(checkout, file);
  const before = fs.readFileSync(full, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(full, after);
  return () => fs.writeFileSync(full, before);
}

const probe = () => `probe-${randomBytes(4).toString('hex')}`;

function build(checkout: string, ...args: string[]): Promise<Ran> {
  return run(path.join(checkout, 'bin/build.js'), args, {});
}

/**
 * A command run in the copy as an operator types it (`npm run serve`, `node bin/masthead.js serve`). One
 * that has not ended after a minute started a server where a refusal was expected: its whole process
 * group (npm, its shell and node) is stopped, so no server outlives the test.
 */
function runIn(checkout: string, command: string, args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: checkout, env: cleanEnv(env), detached: true });
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end();
  });
}

const UP_TO_DATE = {
  server: 'build: the server is up to date (its sources have not changed)',
  app: 'build: the newsroom app is up to date (its sources have not changed)',
};

let checkout: string;
let first: Ran;

beforeAll(async () => {
  checkout = copyCheckout();
  first = await build(checkout);
}, 600_000);

afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('builds both parts of a fresh checkout and stamps each with its sources', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('build: building the server (missing)');
    expect(first.stdout).toContain('build: building the newsroom app (missing)');
    expect(fs.existsSync(path.join(checkout, 'dist/src/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(checkout, 'dist/newsroom/index.html'))).toBe(true);
    expect(read(checkout, 'dist/.server-stamp')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(read(checkout, 'dist/newsroom/.stamp')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('builds nothing when no source changed: every output file keeps its time', async () => {
    const before = filesWithTimes(path.join(checkout, 'dist'));
    const again = await build(checkout);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(UP_TO_DATE.server);
    expect(again.stdout).toContain(UP_TO_DATE.app);
    expect(again.stdout).not.toContain('building');
    expect(filesWithTimes(path.join(checkout, 'dist'))).toEqual(before);
  });

  it('goes by contents, not times, and leaves tests out: a touched source or an edited test builds nothing', async () => {
    const before = filesWithTimes(path.join(checkout, 'dist'));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(checkout, 'src/config.ts'), later, later);
    fs.utimesSync(path.join(checkout, 'newsroom/src/main.tsx'), later, later);
    const tests = fs.readdirSync(path.join(checkout, 'src'), { recursive: true, encoding: 'utf8' });
    const serverTest = tests.find((file) => file.endsWith('.test.ts'))!;
    const restore = edit(checkout, path.join('src', serverTest), (text) => `${text}\n// ${probe()}\n`);
    try {
      const again = await build(checkout);
      expect(again.stdout).toContain(UP_TO_DATE.server);
      expect(again.stdout).toContain(UP_TO_DATE.app);
      expect(filesWithTimes(path.join(checkout, 'dist'))).toEqual(before);
    } finally {
      restore();
    }
  });

  it('rebuilds only the server when a server source changed: the change is in dist, the app untouched', async () => {
    const stamp = read(checkout, 'dist/.server-stamp');
    const app = filesWithTimes(path.join(checkout, 'dist/newsroom'));
    const mark = probe();
    // A comment: tsc keeps it in the output, and leaving the module's types alone keeps the rebuild short.
    edit(checkout, 'src/config.ts', (text) => `${text}\n// ${mark}\n`);
    // What tsc emitted for a source since deleted: tsc never removes it, the build does.
    const orphan = path.join(checkout, 'dist/src/platform/deleted-since.js');
    fs.writeFileSync(orphan, 'export const stale = true;\n');
    fs.writeFileSync(`${orphan}.map`, '{}');

    const rebuilt = await build(checkout);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('build: building the server (stale)');
    expect(rebuilt.stdout).toContain(UP_TO_DATE.app);
    expect(read(checkout, 'dist/src/config.js')).toContain(mark);
    expect(fs.existsSync(orphan) || fs.existsSync(`${orphan}.map`)).toBe(false);
    expect(rebuilt.stdout).toContain(
      'build: removed dist/src/platform/deleted-since.js (its source is gone)',
    );
    expect(fs.existsSync(path.join(checkout, 'dist/src/platform/slug.js'))).toBe(true);
    expect(read(checkout, 'dist/.server-stamp')).not.toBe(stamp);
    expect(filesWithTimes(path.join(checkout, 'dist/newsroom'))).toEqual(app);
    // The edit stays: the copy is built and current for the next test.
    expect((await build(checkout)).stdout).toContain(UP_TO_DATE.server);
  });

  it('rebuilds only the newsroom app when only its sources changed: the change is in its bundle', async () => {
    const stamp = read(checkout, 'dist/newsroom/.stamp');
    const server = serverFiles(checkout);
    const mark = probe();
    edit(checkout, 'newsroom/src/shell/SignInPage.tsx', (text) =>
      text.replace('Sign in with your staff account.', `Sign in with your staff account (${mark}).`),
    );

    const rebuilt = await build(checkout);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain(UP_TO_DATE.server);
    expect(rebuilt.stdout).toContain('build: building the newsroom app (stale)');
    const assets = path.join(checkout, 'dist/newsroom/assets');
    const bundled = fs
      .readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .some((file) => fs.readFileSync(path.join(assets, file), 'utf8').includes(mark));
    expect(bundled).toBe(true);
    expect(read(checkout, 'dist/newsroom/.stamp')).not.toBe(stamp);
    expect(serverFiles(checkout)).toEqual(server);
  });

  it('builds the server again when its output was deleted (tsc alone would think it had nothing to emit)', async () => {
    fs.rmSync(path.join(checkout, 'dist/src'), { recursive: true });
    const rebuilt = await build(checkout);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('build: building the server (missing)');
    expect(rebuilt.stdout).toContain(UP_TO_DATE.app);
    expect(fs.existsSync(path.join(checkout, 'dist/src/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(checkout, 'dist/src/cli/main.js'))).toBe(true);
    expect((await build(checkout)).stdout).toContain(UP_TO_DATE.server);
  });
});

describe('npm run serve', () => {
  let server: Started | undefined;
  let database: ProcessDatabase | undefined;
  const restores: (() => void)[] = [];
  afterEach(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    server = undefined;
    await database?.cleanup();
    database = undefined;
    for (const restore of restores.splice(0)) restore();
  });

  it('refuses a checkout never built, says to run npm run build, and builds nothing itself', async () => {
    const unbuilt = copyCheckout();
    const ran = await runIn(unbuilt, 'npm', ['run', 'serve'], { PORT: String(await freePort()) });
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('Masthead is not built yet: run "npm run build"');
    expect(ran.stdout).not.toContain('Reader site:');
    expect(fs.existsSync(path.join(unbuilt, 'dist'))).toBe(false);
  });

  it('refuses a build older than its sources, from npm run serve and from masthead serve', async () => {
    restores.push(
      edit(checkout, 'src/processes/start-banner.ts', (text) => `${text}\n// edited after the build\n`),
    );
    const env = { PORT: String(await freePort()) };
    for (const ran of [
      await runIn(checkout, 'npm', ['run', 'serve'], env),
      await runIn(checkout, process.execPath, ['bin/masthead.js', 'serve'], env),
    ]) {
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(
        'The sources changed since Masthead was last built: run "npm run build" before serving',
      );
      expect(ran.stdout).not.toContain('Reader site:');
    }
  });

  // SQLite only: what is under test is the check before the server starts, which reads no database;
  // the server's start on both databases is test/process/start.test.ts.
  it('starts a current build without building, only warns of a stale newsroom app, and a web process replaced after the sources changed starts too', async () => {
    // Built and current whatever the tests before left (a build with nothing to do when they passed).
    const ready = await build(checkout);
    expect(ready.code, ready.stderr).toBe(0);
    restores.push(edit(checkout, 'newsroom/src/main.tsx', (text) => `${text}\n// edited after the build\n`));
    const before = filesWithTimes(path.join(checkout, 'dist'));
    database = await processDatabase('sqlite');
    const port = String(await freePort());
    server = await startServer(
      { ...database.env, PORT: port, WEB_PROCESSES: '2', LOG_LEVEL: 'info' },
      180_000,
      path.join(checkout, 'bin/serve.js'),
    );
    expect(server.output()).toContain(`Reader site: http://localhost:${port}/`);
    expect(server.output()).toContain('The newsroom app is older than its sources: run "npm run build".');
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/newsroom/`)).status).toBe(200);
    expect(filesWithTimes(path.join(checkout, 'dist'))).toEqual(before);

    // A deploy has changed the sources and not yet built when a web process dies: its replacement runs
    // the build its sibling runs instead of refusing (the primary checked the build when it started).
    restores.push(
      edit(checkout, 'src/processes/start-banner.ts', (text) => `${text}\n// edited while serving\n`),
    );
    const [victim, sibling] = webProcesses(server.child.pid!);
    process.kill(victim!, 'SIGKILL');
    const listening = (output: string) =>
      [...output.matchAll(/"pid":(\d+),[^\n]*"msg":"Server listening at/g)].map((m) => Number(m[1]));
    const deadline = Date.now() + 60_000;
    while (
      !listening(server.output()).some((pid) => pid !== victim && pid !== sibling) &&
      !server.output().includes('could not restart') &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(server.output()).not.toContain('The sources changed since Masthead was last built');
    expect(server.output()).not.toContain('could not restart');
    const replacement = listening(server.output()).find((pid) => pid !== victim && pid !== sibling);
    expect(webProcesses(server.child.pid!).sort()).toEqual([replacement, sibling].sort());

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('Masthead stopped cleanly.');
  });
});
