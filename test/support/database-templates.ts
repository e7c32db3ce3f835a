import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/platform/database/database.js';
import { migrateToLatest } from '../../src/platform/database/migrator.js';

/**
 * The migrated databases a test run copies for each test (createTestDatabase): a SQLite file and,
 * when the run has PostgreSQL, a database used as `CREATE DATABASE ... TEMPLATE`. Migrated once for
 * the run, here, before any test: running the migrations for every test took 1 to 1.5 s a SQLite test
 * and 2.5 to 3 s a PostgreSQL one on a machine busy with the rest of the suite, against 2 ms and about
 * 0.2 s for the copies, about a third of CI's time. A test sees the same tables, indexes and rows the
 * migrations make; the migrations themselves are tested by `migrator.test.ts` and by every process
 * test, whose server migrates its own empty database.
 */
export interface MigratedTemplates {
  readonly sqliteFile: string;
  /** The template database, and the prefix of every test database copied from it in this run. */
  readonly postgres: { name: string; prefix: string } | null;
  /** Removes the templates and whatever test database a failed test left. */
  remove(): Promise<void>;
}

export async function migratedTemplates(postgresUrl: string | null): Promise<MigratedTemplates> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-templates-'));
  const sqliteFile = path.join(folder, 'migrated.sqlite');
  const sqlite = await openDatabase({ dialect: 'sqlite', file: sqliteFile });
  try {
    await migrateToLatest(sqlite.db);
  } finally {
    // Closing the last connection folds the write-ahead log into the file, so the file alone is a copy.
    await sqlite.close();
  }
  const postgres = postgresUrl ? await migratedPostgresTemplate(postgresUrl) : null;
  return {
    sqliteFile,
    postgres,
    async remove() {
      fs.rmSync(folder, { recursive: true, force: true });
      if (postgresUrl && postgres)
        await dropDatabases(postgresUrl, (name) => name.startsWith(postgres.prefix));
    },
  };
}

/**
 * Databases are named after the base database (runs from two checkouts never share one) and this
 * run's process id; the databases a killed run left behind (its process gone) are dropped first.
 */
async function migratedPostgresTemplate(admin: string): Promise<{ name: string; prefix: string }> {
  const family = `masthead_${baseDatabaseName(admin)}_`;
  await dropDatabases(admin, (name) => {
    const pid = name.startsWith(family) ? /^(\d+)_/.exec(name.slice(family.length))?.[1] : undefined;
    return pid !== undefined && !running(Number(pid));
  });
  const prefix = `${family}${process.pid}_`;
  const name = `${prefix}template`;
  await adminQuery(admin, `create database ${name}`);
  const handle = await openDatabase({ dialect: 'postgres', url: databaseUrl(admin, name) }, { poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    // A template must have no connection left when it is copied (PostgreSQL waits up to 5 s for one to end).
    await handle.close();
  }
  return { name, prefix };
}

async function dropDatabases(admin: string, which: (name: string) => boolean): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database');
    for (const { datname } of rows.filter((row) => which(row.datname))) {
      await client.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await client.end();
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The base database's name as part of an identifier. */
export function baseDatabaseName(url: string): string {
  return new URL(url).pathname.slice(1).replace(/[^a-z0-9_]/gi, '_') || 'test';
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
