import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/platform/database/database.js';
import { migrateToLatest } from '../../src/platform/database/migrator.js';

/** The dialects this run covers: SQLite always, PostgreSQL when global-setup found a server. */
export function dialects(): Dialect[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends DatabaseHandle {
  /** A private folder for this test's data (media, outbox). */
  readonly dataDir: string;
}

/**
 * A fresh, migrated database of its own for one test: a new SQLite file in a temporary folder, or a
 * new PostgreSQL schema. Closing it removes the file or drops the schema.
 */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    handle = await openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'masthead.sqlite') });
    drop = async () => {};
  } else {
    const url = inject('postgresUrl');
    if (!url) throw new Error('PostgreSQL is not available in this run');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create schema ${schema}`);
    handle = await openDatabase({ dialect: 'postgres', url }, { schema, poolSize: 4 });
    drop = () => adminQuery(url, `drop schema ${schema} cascade`);
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    dataDir,
    async close() {
      await handle.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
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
