import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { tidySearchIndex } from '../src/capabilities/search/index.js';
import type { DatabaseConfig } from '../src/config.js';
import { type Db, openDatabase } from '../src/platform/database/database.js';
import { migrateToLatest } from '../src/platform/database/migrator.js';
import { generateArchive } from './generate.js';

/**
 * Where `npm run bench` keeps its archive (issue 15: the reader pages at 100,000 and 1,000,000 articles on
 * SQLite and at 100,000 on PostgreSQL). SQLite: a file in the data folder. PostgreSQL: a database of its own
 * on the local server, named after the archive's size and newest migration like the data folder, so an
 * archive made before a migration was added is never reused (the migrator refuses one that comes before
 * one already applied). Either way the data folder still holds media and the mail outbox.
 */
export type BenchDialect = DatabaseConfig['dialect'];

/** The local PostgreSQL server the bench uses: trust authentication, user postgres. */
export const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432';

export interface BenchDatabase {
  readonly config: DatabaseConfig;
  /** What the server is started with, besides MASTHEAD_DATA. */
  readonly env: Readonly<Record<string, string>>;
  /** For the table's heading: "SQLite" or "PostgreSQL". */
  readonly label: string;
}

/** PostgreSQL folds names to lower case and cuts them at 63 bytes: both are done here, in the open. */
const NAME_LIMIT = 63;

/** The bench's own PostgreSQL database for an archive of `articles` at migration `schema`. */
export function benchDatabaseName(articles: number, schema: string): string {
  const name = `masthead_bench_${articles}_${schema}`.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  if (name.length > NAME_LIMIT) {
    throw new Error(`the bench database's name ${name} is longer than PostgreSQL's ${NAME_LIMIT} bytes`);
  }
  return name;
}

export function benchDatabase(
  dialect: BenchDialect,
  dataDir: string,
  articles: number,
  schema: string,
): BenchDatabase {
  if (dialect === 'sqlite') {
    return {
      config: { dialect, file: path.join(dataDir, 'masthead.sqlite') },
      env: {},
      label: 'SQLite',
    };
  }
  const url = `${POSTGRES_SERVER}/${benchDatabaseName(articles, schema)}`;
  return { config: { dialect, url }, env: { DATABASE_URL: url }, label: 'PostgreSQL' };
}

/**
 * Generates the archive, or reuses the one a finished generation left (SQLite: a `generated` file beside
 * it; PostgreSQL: the database's comment, so a dropped database takes its marker with it). A generation
 * that was cut short is thrown away and started again. A reused archive is migrated here rather than at
 * the server's start: a migration that rebuilds an index over a million articles takes minutes, longer
 * than the server is given to start.
 */
export async function prepareArchive(
  bench: BenchDatabase,
  dataDir: string,
  articles: number,
  say: (line: string) => void,
): Promise<void> {
  const reuse =
    bench.config.dialect === 'sqlite'
      ? fs.existsSync(path.join(dataDir, 'generated'))
      : await postgresGenerated(bench.config.url);
  if (reuse) {
    fs.mkdirSync(dataDir, { recursive: true });
    say(`Reusing the archive in ${where(bench, dataDir)}; bringing its schema up to date ...`);
    const started = Date.now();
    const database = await openDatabase(bench.config);
    try {
      await migrateToLatest(database.db);
      await analyze(bench, database.db);
    } finally {
      await database.close();
    }
    say(`Schema up to date in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  if (bench.config.dialect === 'postgres') await recreatePostgres(bench.config.url);
  say(`Generating ${articles.toLocaleString('en-US')} articles in ${where(bench, dataDir)} ...`);
  const started = Date.now();
  const database = await openDatabase(bench.config);
  try {
    await migrateToLatest(database.db);
    await generateArchive(database.db, articles, say);
    await analyze(bench, database.db);
  } finally {
    await database.close();
  }
  const at = new Date().toISOString();
  if (bench.config.dialect === 'sqlite') fs.writeFileSync(path.join(dataDir, 'generated'), at);
  else await markPostgres(bench.config.url, at);
  say(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * PostgreSQL plans from its statistics, and a database written in a minute has none until
 * autovacuum gets to it: the first bench at 100,000 articles ran the home page in 28 ms and search
 * in 80 ms on plans for empty tables. A paper's database is analysed by autovacuum as it grows (and
 * by the operator after a restore), so the bench measures it analysed. SQLite's planner here uses
 * no statistics (the queries are written for that).
 */
async function analyze(bench: BenchDatabase, db: Db): Promise<void> {
  if (bench.config.dialect === 'postgres') await sql`vacuum analyze`.execute(db);
  // SQLite: the search index merged as the worker's hourly upkeep keeps a paper's (ADR 0029). Left to
  // the server, the first merge of a freshly generated million-article index ran during the
  // measured loads, in the same process, and doubled a cached page's CPU.
  else await tidySearchIndex(db, 0);
}

function where(bench: BenchDatabase, dataDir: string): string {
  return bench.config.dialect === 'sqlite'
    ? dataDir
    : `PostgreSQL database ${databaseOf(bench.config.url)} (media in ${dataDir})`;
}

const MARK = 'masthead bench archive, generated ';

function databaseOf(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** Runs `work` on the server's maintenance database (databases are created and dropped from there). */
async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `--database postgres needs a PostgreSQL server at ${POSTGRES_SERVER.replace(/^.*@/, '')} that lets user postgres in without a password: ${(error as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresGenerated(url: string): Promise<boolean> {
  const name = databaseOf(url);
  return onServer(async (client) => {
    const found = await client.query<{ note: string | null }>(
      `select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`,
      [name],
    );
    return found.rows[0]?.note?.startsWith(MARK) ?? false;
  });
}

async function recreatePostgres(url: string): Promise<void> {
  const name = pg.escapeIdentifier(databaseOf(url));
  await onServer(async (client) => {
    await client.query(`drop database if exists ${name}`);
    await client.query(`create database ${name}`);
  });
}

async function markPostgres(url: string, at: string): Promise<void> {
  const name = databaseOf(url);
  await onServer((client) =>
    client.query(`comment on database ${pg.escapeIdentifier(name)} is ${pg.escapeLiteral(MARK + at)}`),
  );
}
