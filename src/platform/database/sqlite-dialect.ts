import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite dialect, except that a failed transaction is rolled back only while SQLite still
 * has one open. SQLite ends the transaction itself on some errors (SQLITE_FULL, SQLITE_IOERR,
 * SQLITE_NOMEM): Kysely's ROLLBACK then failed with "cannot rollback - no transaction is active",
 * and that error replaced the real one, so a full disk was logged as a rollback problem. And every
 * transaction begins IMMEDIATE (see beginTransaction).
 */
export class SqliteDialectKeepingCause extends SqliteDialect {
  readonly #sqlite: SQLite.Database;
  readonly #config: SqliteDialectConfig;

  constructor(sqlite: SQLite.Database, config: SqliteDialectConfig) {
    super(config);
    this.#sqlite = sqlite;
    this.#config = config;
  }

  override createDriver(): Driver {
    return new RollbackWhileOpenDriver(this.#sqlite, this.#config);
  }
}

class RollbackWhileOpenDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;

  constructor(sqlite: SQLite.Database, config: SqliteDialectConfig) {
    super(config);
    this.#sqlite = sqlite;
  }

  /**
   * BEGIN IMMEDIATE: the transaction takes the write lock as it starts, waiting for it as long as
   * busy_timeout allows. Kysely's plain BEGIN takes it at the first write instead, and when another
   * process (a second web process, the worker, the importer) committed after this transaction's first
   * read, SQLite refuses that write at once with SQLITE_BUSY_SNAPSHOT, without waiting: a publish or
   * schedule answered 500 in the several-processes test on a busy machine. Transactions here are
   * opened to write, so taking the lock first costs nothing but the wait that was due anyway.
   */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#sqlite.open && !this.#sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}
