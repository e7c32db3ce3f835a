import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import {
  freePort,
  type ProcessDatabase,
  processDatabase,
  ROOT,
  run,
  SERVER,
  type Started,
  startServer,
} from '../support/processes.js';

let server: Started | undefined;
let database: ProcessDatabase | undefined;
afterEach(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  server = undefined;
  await database?.cleanup();
  database = undefined;
});

describe.each(dialects())('npm start on a fresh install [%s]', (dialect) => {
  it('migrates, seeds the demo edition once, prints where to open it, and stops cleanly on SIGTERM', async () => {
    database = await processDatabase(dialect);
    const port = String(await freePort());
    const loadedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-loaded-')), 'packages.json');
    server = await startServer({
      ...database.env,
      PORT: port,
      NODE_OPTIONS: `--import=${path.join(ROOT, 'test/support/loaded-packages.mjs')}`,
      LOADED_PACKAGES_FILE: loadedFile,
    });
    const first = server.output();
    expect(first).toContain(`Reader site: http://localhost:${port}/`);
    expect(first).toMatch(/email: +owner@example\.com/);
    const password = first.match(/password: +(\S+)/)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(10);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('The Morning Ledger');
    expect(html).toContain('Alliance Chief Visits Capital for First Time Since War Began');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('stopped cleanly');
    // Redis's client and the S3 SDK load only when REDIS_URL or a bucket is set (issue 15's memory budget).
    const loaded = JSON.parse(fs.readFileSync(loadedFile, 'utf8')) as string[];
    expect(loaded).toContain('fastify');
    expect(loaded).not.toContain('ioredis');
    expect(loaded).not.toContain('@aws-sdk/client-s3');

    // A second start finds the newsroom and seeds nothing.
    server = await startServer({ ...database.env, PORT: port });
    expect(server.output()).not.toContain('demo edition was created');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});

describe('start-up refusals', () => {
  it('lists every bad variable, one line each, and exits 2 without a stack trace', async () => {
    const ran = await run(SERVER, [], {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      SMTP_URL: 'mail.example',
    });
    expect(ran.code).toBe(2);
    const lines = ran.stderr.trim().split('\n');
    expect(lines[0]).toBe('Masthead cannot start; fix these settings:');
    expect(lines.slice(1).map((l) => l.trim().split(' ')[1])).toEqual(['PORT', 'DATABASE_URL', 'SMTP_URL']);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('says plainly when PostgreSQL cannot be reached, and exits 1', async () => {
    const port = await freePort();
    const ran = await run(SERVER, [], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/news`,
      MASTHEAD_DATA: '/tmp',
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim()).toBe(
      `Cannot reach PostgreSQL at 127.0.0.1:${port}/news: connect ECONNREFUSED 127.0.0.1:${port}. Is the server running, and is DATABASE_URL right?`,
    );
  });

  it('says plainly when the data folder cannot be written', async () => {
    const ran = await run(SERVER, [], { MASTHEAD_DATA: '/etc/hostname/data' });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('The data folder /etc/hostname/data cannot be written (ENOTDIR).');
  });

  it('says plainly when the port is taken', async () => {
    database = await processDatabase('sqlite');
    const port = String(await freePort());
    server = await startServer({ ...database.env, PORT: port });
    const second = await run(SERVER, [], { ...database.env, PORT: port });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use. Set PORT to another port.`);
  });
});
