import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../../src/platform/database/database.js';
import { adminQuery } from './database-templates.js';
import { workerDatabaseUrl } from './databases.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'bin/masthead.js');
export const SERVER = path.join(ROOT, 'dist/src/main.js');

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a new user would have: only what is set here, plus PATH and HOME. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', LOG_LEVEL: 'warn', ...extra };
}

export function run(file: string, args: string[], env: Record<string, string>, input?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { env: cleanEnv(env), cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the real server and waits for the line that says where it is. `entry` is the script node runs:
 * the compiled server, or a start command such as bin/serve.js (in a copy of the checkout).
 */
export async function startServer(
  env: Record<string, string>,
  startMs = 180_000,
  entry = SERVER,
): Promise<Started> {
  const child = spawn(process.execPath, [entry], { env: cleanEnv(env), cwd: ROOT });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // The first start seeds the demo edition (photos drawn and read by the photo desk): allow for a busy machine.
  const deadline = Date.now() + startMs;
  while (!/Reader site: (\S+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) {
      // Not left running: the caller never gets a handle to stop it.
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const baseUrl = output.match(/Reader site: (\S+)/)![1]!.replace(/\/$/, '');
  return { child, output: () => output, baseUrl, exited };
}

/** A free port on 127.0.0.1, found by binding to port 0. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ProcessDatabase {
  env: Record<string, string>;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * Environment for a child process with its own empty database: a data folder of its own, and on
 * PostgreSQL a schema of its own picked through the connection string's search_path.
 */
export async function processDatabase(dialect: Dialect): Promise<ProcessDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-proc-'));
  if (dialect === 'sqlite') {
    return {
      env: { MASTHEAD_DATA: dataDir },
      dataDir,
      cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = await workerDatabaseUrl();
  const schema = `p_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { MASTHEAD_DATA: dataDir, DATABASE_URL: u.href },
    dataDir,
    async cleanup() {
      await adminQuery(url, `drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An Admin API session for the demo owner of a server started on an empty database, whose password
 * it printed at its first start: the API's base address and the headers every call needs.
 */
export async function signInAsDemoOwner(
  server: Started,
): Promise<{ api: string; headers: Record<string, string> }> {
  const email = server.output().match(/email: +(\S+)/)?.[1];
  const password = server.output().match(/password: +(\S+)/)?.[1];
  if (!email || !password) throw new Error(`no demo owner printed:\n${server.output()}`);
  return signInAs(server, email, password);
}

/** A staff member's Admin API session: its base URL and the headers (cookie, CSRF token) of a write. */
export async function signInAs(
  server: Started,
  email: string,
  password: string,
): Promise<{ api: string; headers: Record<string, string> }> {
  const api = `${server.baseUrl}/api/admin/v1`;
  const signIn = await fetch(`${api}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { api, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken } };
}

/** The web processes a primary forked (WEB_PROCESSES): its node children. */
export function webProcesses(primary: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
  return out.split('\n').map(Number).filter(Boolean);
}
