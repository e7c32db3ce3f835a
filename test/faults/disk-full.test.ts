import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { samplePhoto } from '../../src/capabilities/media/media-samples.js';
import type { Deps } from '../../src/deps.js';
import { fixedClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/database/database.js';
import { migrateToLatest } from '../../src/platform/database/migrator.js';
import { publishLegal, TestBrowser } from '../support/account-test-kit.js';
import { TEST_NOW } from '../support/app.js';
import { signedInAs } from '../support/auth.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';
import { appWithLog, type CapturedLog } from '../support/logged-app.js';
import {
  type PrivatePostgres,
  privatePostgresMissing,
  startPrivatePostgres,
} from '../support/private-postgres.js';
import { mountTmpfs, type Tmpfs, tmpfsMissing } from '../support/tmpfs.js';

const api = '/api/admin/v1';
const missing = tmpfsMissing();
if (missing) console.warn(`[disk-full] skipped: ${missing}`);
const missingServer = missing ?? privatePostgresMissing();
if (!missing && missingServer) console.warn(`[disk-full] PostgreSQL's own disk skipped: ${missingServer}`);

/** Fills the rest of the file system with one file, as a runaway log or backup would. */
function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  try {
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  // The last partial block: a few bytes at a time until nothing more fits.
  try {
    for (;;) fs.appendFileSync(filler, Buffer.alloc(512, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  return filler;
}

/** Every file under the media folder, temporary ones too: a refused upload must leave none. */
function mediaFiles(dataDir: string): string[] {
  const root = path.join(dataDir, 'media');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

function upload(app: FastifyInstance, headers: Record<string, string>, bytes: Buffer) {
  return app.inject({
    method: 'POST',
    url: `${api}/media`,
    headers: { ...headers, 'content-type': 'image/jpeg' },
    payload: bytes,
  });
}

let disk: Tmpfs | undefined;
let database: TestDatabase | undefined;
let server: PrivatePostgres | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
  server?.remove();
  server = undefined;
  disk?.unmount();
  disk = undefined;
});

/** An editor creates a section through the Admin API: a small write, the first row of its table. */
function createSection(app: FastifyInstance, headers: Record<string, string>) {
  return app.inject({ method: 'POST', url: `${api}/sections`, headers, payload: { name: 'Weather' } });
}

describe.skipIf(missing !== null)('a full disk under SQLite [sqlite]', () => {
  /** The SQLite file, the media folder and the outbox all on a 4 MB file system of their own. */
  async function onTinyDisk(): Promise<{ app: FastifyInstance; deps: Deps; log: CapturedLog }> {
    disk = mountTmpfs('4m');
    const handle = await openDatabase({ dialect: 'sqlite', file: path.join(disk.dir, 'masthead.sqlite') });
    await migrateToLatest(handle.db);
    database = { ...handle, dataDir: disk.dir };
    return appWithLog(database, fixedClock(TEST_NOW));
  }

  it('answers 507 STORAGE_FULL in JSON and HTML, logs SQLITE_FULL, and readiness says writes fail', async () => {
    const { app, deps, log } = await onTinyDisk();
    await publishLegal(deps);
    const editor = await signedInAs(deps, 'editor');
    const browser = new TestBrowser(app, deps.clock as ReturnType<typeof fixedClock>);
    const signUpPage = await browser.get('/account/sign-up');
    expect(signUpPage.statusCode).toBe(200);
    expect((await app.inject('/readyz')).statusCode).toBe(200);

    const filler = fillDisk(disk!.dir);

    const section = await createSection(app, editor.headers);
    expect(section.statusCode).toBe(507);
    expect(section.json().error).toMatchObject({ code: 'STORAGE_FULL' });
    expect(section.json().error.message).toContain('storage is full');
    const failed = log.lines().find((line) => line.msg === 'request failed');
    expect(failed).toMatchObject({ cause: 'SQLITE_FULL', code: 'STORAGE_FULL' });
    expect(JSON.stringify(log.lines())).not.toContain('cannot rollback');

    const signUp = await browser.send(signUpPage.body, '/account/sign-up', { email: 'new@example.com' });
    expect(signUp.statusCode).toBe(507);
    expect(signUp.headers['content-type']).toContain('text/html');
    expect(signUp.body).toContain('storage is full');

    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.storage).toMatch(/^full: /);

    // Nothing half-written: no section, no reader.
    fs.rmSync(filler);
    expect(await deps.database.db.selectFrom('sections').select('id').execute()).toEqual([]);
    expect(await deps.database.db.selectFrom('readers').select('id').execute()).toEqual([]);

    // Room again: the failed write is still remembered until a write goes through.
    expect((await app.inject('/readyz')).json().checks.storage).toMatch(/^full: a write failed/);
    const retried = await createSection(app, editor.headers);
    expect(retried.statusCode).toBe(201);
    const again = await app.inject('/readyz');
    expect(again.statusCode).toBe(200);
    expect(again.json().checks.storage).toBe('ok');
  });
});

describe.skipIf(missingServer !== null)('a full disk under PostgreSQL [postgres]', () => {
  it("answers 507 STORAGE_FULL when the server's disk is full, logs 53100, and readiness follows", async () => {
    disk = mountTmpfs('64m');
    fs.chmodSync(disk.dir, 0o777);
    server = await startPrivatePostgres({ under: disk.dir });
    const handle = await openDatabase({ dialect: 'postgres', url: server.url });
    await migrateToLatest(handle.db);
    // The media folder and outbox are elsewhere: only the database's disk is full.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-pgfull-'));
    database = {
      ...handle,
      dataDir,
      async close() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
    const { app, deps, log } = await appWithLog(database, fixedClock(TEST_NOW));
    const editor = await signedInAs(deps, 'editor');

    const filler = fillDisk(disk.dir);
    const refused = await createSection(app, editor.headers);
    expect(refused.statusCode).toBe(507);
    expect(refused.json().error.code).toBe('STORAGE_FULL');
    expect(log.lines().find((line) => line.msg === 'request failed')).toMatchObject({ cause: '53100' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks).toMatchObject({
      database: 'ok',
      storage: expect.stringMatching(/^full: a write failed/),
    });

    fs.rmSync(filler);
    expect(await deps.database.db.selectFrom('sections').select('id').execute()).toEqual([]);
    expect((await createSection(app, editor.headers)).statusCode).toBe(201);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });
});

for (const dialect of dialects()) {
  describe.skipIf(missing !== null)(`a full media folder [${dialect}]`, () => {
    it('refuses an upload with 507 STORAGE_FULL and leaves no row and no file, not even a partial one', async () => {
      disk = mountTmpfs('4m');
      database = await createTestDatabase(dialect);
      const dataDir = disk.dir;
      const { app, deps, log } = await appWithLog({ ...database, dataDir }, fixedClock(TEST_NOW));
      const desk = await signedInAs(deps, 'editor');
      const photo = await samplePhoto({ width: 1600, height: 1200 });
      expect((await upload(app, desk.headers, photo)).statusCode).toBe(201);
      const before = mediaFiles(dataDir);

      fillDisk(dataDir);
      const refused = await upload(app, desk.headers, photo);
      expect(refused.statusCode).toBe(507);
      expect(refused.json().error.code).toBe('STORAGE_FULL');
      expect(log.lines().find((line) => line.msg === 'request failed')).toMatchObject({ cause: 'ENOSPC' });
      expect(await deps.database.db.selectFrom('media').select('id').execute()).toHaveLength(1);
      expect(mediaFiles(dataDir)).toEqual(before);
      expect((await app.inject('/readyz')).statusCode).toBe(503);
    });
  });
}
