import type { Db } from './database.js';

/**
 * Runs one operation in one transaction: all of it is written or none of it. Routes, jobs and CLI
 * commands open it; services and repositories take the transaction as their `db`.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
