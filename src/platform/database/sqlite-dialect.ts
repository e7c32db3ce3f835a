import type SQLite from 'better-sqlite3';
import {
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
 * and that error replaced the real one, so a full disk was logged as a rollback problem.
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

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#sqlite.open && !this.#sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}
