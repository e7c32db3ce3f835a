import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './processes.js';

/** A PostgreSQL server of one test's own, to stop, freeze or starve of disk without touching the shared one. */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  /** SIGSTOP to the server and every backend: connections stay open, nothing answers. */
  freeze(): void;
  /** SIGCONT: the server answers again. */
  thaw(): void;
  /** Stops it (fast shutdown: every connection is ended), keeping its files. */
  stop(): void;
  /** Starts it again on the same port. */
  start(): void;
  /** Stops it at once and removes its files. */
  remove(): void;
}

const TOOLS = ['initdb', 'pg_ctl', 'postgres'];

/** Why a private server cannot be started here (a missing PostgreSQL binary), or null when it can. */
export function privatePostgresMissing(): string | null {
  const missing = TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) return `the PostgreSQL server binaries on PATH (${missing.join(', ')} not found)`;
  if (process.getuid?.() === 0 && !onPath('runuser')) return 'runuser, to run initdb as the postgres user';
  return null;
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && fs.existsSync(path.join(dir, tool)));
}

/**
 * initdb refuses to run as root: as root (CI) the cluster belongs to the postgres user. fsync is off:
 * the cluster lives for one test.
 */
export async function startPrivatePostgres(options: { under?: string } = {}): Promise<PrivatePostgres> {
  const root = fs.mkdtempSync(path.join(options.under ?? os.tmpdir(), 'masthead-pg-'));
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:', root]);
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', tool, ...args], { stdio: 'pipe' })
      : execFileSync(tool, args, { stdio: 'pipe' });
  // 1 MB WAL segments keep the cluster small enough for a tiny file system of its own.
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--wal-segsize=1']);
  const port = await freePort();
  const settings = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(root, 'log'), '-w', 'start']);
  start();
  let postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of [postmaster, ...childrenOf(postmaster)]) {
      try {
        process.kill(pid, signal);
      } catch (error) {
        // A backend that ended between the listing and the signal: nothing left to freeze or thaw.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    start() {
      start();
      postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    remove() {
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
        signalAll('SIGCONT');
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The server's own processes: its backends and helpers are all its direct children. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces) start with state, then the parent.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}
