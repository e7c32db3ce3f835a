import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dialects,
  type TestDatabase,
  workerDatabaseUrl,
} from '../../../test/support/databases.js';

/**
 * PostgreSQL ends a connection that a transaction holds between two queries (a restart, an operator's
 * pg_terminate_backend). The process must live on: the transaction fails, the next query gets a new
 * connection. Without a listener on checked-out clients, node-postgres threw the 'error' event and the
 * worker process died (the reference-deployment test, PostgreSQL restarted).
 */
describe.skipIf(!dialects().includes('postgres'))('a PostgreSQL connection lost mid-transaction', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('postgres', { migrate: false });
  });
  afterEach(async () => {
    await database.close();
  });

  it('fails that transaction only; the process and the next query carry on', async () => {
    let backend: number | undefined;
    const transaction = database.db.transaction().execute(async (trx) => {
      backend = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sql`select 1`.execute(trx);
    });
    await expect.poll(() => backend).toBeDefined();
    const admin = new pg.Client({ connectionString: await workerDatabaseUrl() });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [backend]);
    await admin.end();
    await expect(transaction).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });
});
