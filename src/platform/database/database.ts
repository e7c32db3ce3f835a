import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig, DatabaseTimeouts } from '../../config.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';
import { SqliteDialectKeepingCause } from './sqlite-dialect.js';

export type Db = Kysely<Database>;
export type Dialect = DatabaseConfig['dialect'];

/** An open database: the query builder, which engine is behind it, and how to close it. */
export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Where the data is, for messages: a file path or a host, never a password. */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run every query in this schema (tests use one schema each). */
  readonly schema?: string;
  readonly poolSize?: number;
  /**
   * PostgreSQL only: bound every wait on the server, so a frozen or unreachable server costs a
   * request a few seconds and a 503, not as long as it stays frozen. Left out for migrations, which
   * may rightly run for minutes (an index over a million articles).
   */
  readonly timeouts?: DatabaseTimeouts;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Opens the configured database and proves it answers, or throws DatabaseUnreachableError in plain words. */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  return config.dialect === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, options);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:' && !fs.existsSync(path.dirname(file))) {
    throw new DatabaseUnreachableError(
      `The folder for the SQLite database, ${path.dirname(file)}, does not exist.`,
      null,
    );
  }
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file);
    // WAL keeps readers off the writer's back; FULL makes every acknowledged commit survive a
    // power cut too (NORMAL would only survive a process crash). Newsroom writes are few; reads
    // are served from the page cache, so the fsync per commit is affordable.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new DatabaseUnreachableError(
      `Cannot open the SQLite database at ${file}: ${messageOf(error)}.`,
      error,
    );
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialectKeepingCause(sqlite, { database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    async close() {
      await db.destroy();
    },
  };
}

/** Distinct SQL texts kept prepared; the app issues a few hundred (lists vary by their IN lengths). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * better-sqlite3 compiles SQL on every `prepare`, and Kysely prepares every query it runs: a page
 * miss spent about a tenth of its query time compiling the same few statements again. Statements
 * are kept by SQL text, least recently used dropped first. A statement still being iterated (a
 * streamed query) is busy and cannot run a second time at once: such a call gets a fresh one.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      const found = kept.get(text);
      if (found && !found.busy) {
        // Most recently used last, so the first key is the one to drop.
        kept.delete(text);
        kept.set(text, found);
        return found;
      }
      const statement = sqlite.prepare(text);
      if (found) return statement;
      kept.set(text, statement);
      if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
      return statement;
    },
    close() {
      kept.clear();
      sqlite.close();
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const target = describePostgres(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.timeouts?.connectMs ?? 5000,
    ...(options.timeouts ? boundedWaits(options.timeouts) : {}),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // A client that loses its server must not crash the process; the next query on it reports it. The pool
  // listens on idle clients only: a client checked out (a transaction between two queries, a job at work)
  // emits 'error' with no listener, and the worker process died of it when PostgreSQL restarted.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new DatabaseUnreachableError(
      `Cannot reach PostgreSQL at ${target}: ${messageOf(error)}. Is the server running, and is DATABASE_URL right?`,
      error,
    );
  }
  return {
    db,
    dialect: 'postgres',
    location: target,
    async close() {
      await db.destroy();
    },
  };
}

/**
 * The server cancels a statement past `statementMs` (57014) and ends a session that sits idle inside
 * a transaction for twice that (its locks would block every writer). A frozen server enforces
 * neither, so the client also stops waiting a second after the server should have answered.
 */
function boundedWaits(timeouts: DatabaseTimeouts) {
  return {
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.statementMs * 2,
    query_timeout: timeouts.statementMs + 1000,
  };
}

function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured address';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

/** True when a write failed on a unique index: the caller turns it into a 409 naming the field. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when a write failed on a foreign key: deleting a row that another still points at (the
 * article tables restrict deletes of sections, tags and authors in use), or pointing at a row that
 * does not exist.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  // SQLite carries out ON DELETE RESTRICT as an action, so its refusal comes with the trigger code.
  return code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY constraint failed/.test(message ?? '');
}
