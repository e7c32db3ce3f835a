import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/platform/database/database.js';
import { adminQuery, baseDatabaseName, databaseUrl } from './database-templates.js';

/** The dialects this run covers: SQLite always, PostgreSQL when global-setup found a server. */
export function dialects(): Dialect[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/**
 * The database a browser journey runs on (ADR 0037): the one its file names, when this run has it. A
 * journey tests the newsroom app, which meets the database only through the Admin API, and every route of
 * that API is tested on both databases over HTTP; journeys on both doubled the slowest part of CI. The
 * files name SQLite and PostgreSQL about half each. MASTHEAD_JOURNEYS=both runs every journey on both.
 */
export function journeyDialects(named: Dialect): Dialect[] {
  const run = dialects();
  if (process.env.MASTHEAD_JOURNEYS === 'both' || !run.includes(named)) return run;
  return [named];
}

export interface TestDatabase extends DatabaseHandle {
  /** A private folder for this test's data (media, outbox). */
  readonly dataDir: string;
}

/**
 * A fresh, migrated database of its own for one test: a copy of the run's migrated SQLite file in a
 * temporary folder, or a new PostgreSQL database made from the run's template (database-templates.ts).
 * With `migrate: false`, an empty file or an empty PostgreSQL schema. Closing it removes the file or
 * drops the database or schema.
 */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
  const migrate = options.migrate !== false;
  const templates = inject('templates');
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const file = path.join(dataDir, 'masthead.sqlite');
    if (migrate) fs.copyFileSync(templates.sqliteFile, file);
    handle = await openDatabase({ dialect: 'sqlite', file });
    drop = async () => {};
  } else if (migrate) {
    const admin = inject('postgresUrl');
    if (!admin || !templates.postgres) throw new Error('PostgreSQL is not available in this run');
    const name = `${templates.postgres.prefix}${randomBytes(5).toString('hex')}`;
    await adminQuery(admin, `create database ${name} template ${templates.postgres.name}`);
    handle = await openDatabase({ dialect: 'postgres', url: databaseUrl(admin, name) }, { poolSize: 4 });
    drop = () => adminQuery(admin, `drop database if exists ${name} with (force)`);
  } else {
    const url = await workerDatabaseUrl();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create schema ${schema}`);
    handle = await openDatabase({ dialect: 'postgres', url }, { schema, poolSize: 4 });
    drop = () => adminQuery(url, `drop schema ${schema} cascade`);
  }
  return {
    ...handle,
    dataDir,
    async close() {
      await handle.close();
      await drop();
      // Retried: a write the test's app started and did not wait for (the app is not closed) can add a
      // file while the folder is removed, and rmSync then fails with ENOTEMPTY (seen once in a full run).
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

let workerUrl: Promise<string> | undefined;

/**
 * A PostgreSQL database for this test worker alone, made once, for the databases whose migrations a
 * test or a child process runs itself: each gets a fresh schema inside it. One per worker: Kysely's
 * migrator lists every schema of its database, and other workers dropping their schemas during that
 * listing made it fail at random. Within one worker, tests run one at a time.
 */
export function workerDatabaseUrl(): Promise<string> {
  workerUrl ??= (async () => {
    const base = inject('postgresUrl');
    if (!base) throw new Error('PostgreSQL is not available in this run');
    // Named after the base database too, so runs from two checkouts (TEST_DATABASE_URL=.../a and
    // .../b) never share a worker database.
    const name = `masthead_${baseDatabaseName(base)}_w${process.env.VITEST_POOL_ID ?? '0'}`;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`create database ${name}`);
    } catch (error) {
      // Another run created it between the look-up and the create: that is what we wanted.
      if ((error as { code?: string }).code !== '42P04') throw error;
    } finally {
      await client.end();
    }
    return databaseUrl(base, name);
  })();
  return workerUrl;
}

/**
 * Runs a block of tests once per dialect, each test on its own fresh database (`t.database`).
 * Kysely's own suite is laid out the same way.
 */
export function describeEachDialect(
  name: string,
  body: (t: { readonly database: TestDatabase; readonly dialect: Dialect }) => void,
) {
  for (const dialect of dialects()) {
    describe(`${name} [${dialect}]`, () => {
      const t = { dialect, database: undefined as unknown as TestDatabase };
      beforeEach(async () => {
        t.database = await createTestDatabase(dialect);
      });
      afterEach(async () => {
        await t.database.close();
      });
      body(t);
    });
  }
}
