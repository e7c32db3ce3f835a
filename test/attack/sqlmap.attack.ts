import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import {
  freePort,
  type ProcessDatabase,
  processDatabase,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';

/**
 * sqlmap (Debian's `sqlmap`) against the real server on each database: the reader search filters
 * and every query parameter of the Admin API's list routes. It must find nothing. Bounded: level 2,
 * risk 1, one-second time-based probes, so one dialect takes a few minutes.
 */

const SQLMAP = '/usr/bin/sqlmap';
const hasSqlmap = fs.existsSync(SQLMAP);
if (!hasSqlmap)
  console.warn(`sqlmap tests skipped: ${SQLMAP} is missing. Install it with: apt-get install -y sqlmap`);

interface Target {
  name: string;
  url: string;
  /** Text that shows only when the query answers as the original did (the page reflects the query). */
  string?: string;
  auth?: boolean;
}

interface Finding {
  target: string;
  log: string;
}

function sqlmap(target: Target, token: string, outDir: string): Promise<Finding | null> {
  const args = [
    '-u',
    target.url,
    '--batch',
    '--level=2',
    '--risk=1',
    '--technique=BEUST',
    '--time-sec=1',
    '--timeout=15',
    '--retries=1',
    '--threads=2',
    '--flush-session',
    '--disable-coloring',
    `--output-dir=${outDir}`,
  ];
  if (target.string) args.push(`--string=${target.string}`);
  if (target.auth) args.push('-H', `Authorization: Bearer ${token}`);
  return new Promise((resolve, reject) => {
    const child = spawn(SQLMAP, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', reject);
    child.on('exit', () => {
      const found = /is vulnerable|identified the following injection point/i.test(log);
      resolve(found ? { target: target.name, log } : null);
      if (!found && !/do not appear to be injectable|not injectable/i.test(log)) {
        // sqlmap stopped for another reason (connection refused, a crash): that is not a pass.
        reject(new Error(`sqlmap did not finish testing ${target.name}:\n${log.slice(-3000)}`));
      }
    });
  });
}

describe.skipIf(!hasSqlmap)('the sqlmap harness', () => {
  // A run that finds nothing proves something only if the harness would notice a finding: a planted
  // injection (a query built by string concatenation) must be reported.
  it('reports a planted injection', async () => {
    const db = new Database(':memory:');
    db.exec("create table t (id integer, name text); insert into t values (1, 'harbour'), (2, 'river')");
    const server = http.createServer((req, res) => {
      const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
      try {
        const rows = db.prepare(`select id from t where name = '${name}'`).all();
        res.end(rows.length > 0 ? 'found it' : 'nothing here');
      } catch {
        res.statusCode = 500;
        res.end('error');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-sqlmap-'));
    try {
      const finding = await sqlmap(
        { name: 'planted', url: `http://127.0.0.1:${port}/?name=harbour` },
        '',
        outDir,
      );
      expect(finding?.target).toBe('planted');
    } finally {
      server.close();
      db.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasSqlmap).each(dialects())(
  'sqlmap against the search filters and the Admin API (%s)',
  (dialect) => {
    let db: ProcessDatabase;
    let server: Started;
    let token = '';
    const targets: Target[] = [];
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-sqlmap-'));

    beforeAll(async () => {
      db = await processDatabase(dialect);
      const port = await freePort();
      server = await startServer({
        ...db.env,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'warn',
      });
      const { api, headers } = await signInAsDemoOwner(server);
      const minted = await fetch(`${api}/tokens`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'sqlmap', role: 'owner' }),
      });
      expect(minted.status).toBe(201);
      token = ((await minted.json()) as { token: string }).token;
      const get = async <T>(route: string): Promise<T> => {
        const res = await fetch(`${api}${route}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, route).toBe(200);
        return (await res.json()) as T;
      };
      const sections = await get<{ sections: { id: string; path: string }[] }>('/sections');
      const authors = await get<{ authors: { id: string; slug: string }[] }>('/authors');
      const section = sections.sections[0]!;
      const author = authors.authors[0]!;

      // The reader's search page echoes the query, so sqlmap is told what an unchanged answer shows:
      // the headline of the article the plain query finds.
      const page = await (await fetch(`${server.baseUrl}/search?q=harbour`)).text();
      const headline = page.match(/<h2><a href="\/\d{4}\/[^"]+">([^<]+)<\/a><\/h2>/)?.[1];
      expect(headline, 'the demo edition has an article about the harbour').toBeTruthy();
      const base = server.baseUrl;
      const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
      targets.push(
        {
          name: 'reader search',
          url: `${base}/search?${q({ q: 'harbour', section: section.path, author: author.slug, from: '2020-01-01', to: '2030-01-01', page: '1' })}`,
          string: headline!,
        },
        {
          name: 'admin articles',
          url: `${api}/articles?${q({ status: 'published', section: section.id, author: author.id, limit: '10' })}`,
          auth: true,
        },
        { name: 'admin tags', url: `${api}/tags?${q({ q: 'port', limit: '5' })}`, auth: true },
        {
          name: 'admin authors',
          url: `${api}/authors?${q({ q: 'a', kind: 'guest', limit: '5' })}`,
          auth: true,
        },
        { name: 'admin media', url: `${api}/media?${q({ q: 'harbour', limit: '5' })}`, auth: true },
        {
          name: 'admin consent ledger',
          url: `${api}/consents.csv?${q({ from: '2020-01-01', to: '2030-01-01' })}`,
          auth: true,
        },
      );
    });

    afterAll(async () => {
      server?.child.kill('SIGTERM');
      await server?.exited;
      await db?.cleanup();
      fs.rmSync(outDir, { recursive: true, force: true });
    });

    it('finds no injectable parameter', async () => {
      const findings: Finding[] = [];
      for (const target of targets) {
        const finding = await sqlmap(target, token, outDir);
        if (finding) findings.push(finding);
      }
      expect(findings.map((f) => `${f.target}:\n${f.log.slice(-2000)}`)).toEqual([]);
    });
  },
);
