import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import { prepared } from './prepared-statements.js';

describe.skipIf(!dialects().includes('postgres'))('prepared statements on PostgreSQL (ADR 0039)', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('postgres');
  });
  afterEach(async () => {
    await database.close();
  });

  it('prepares a marked query once per connection and runs it again by name; other queries are not prepared', async () => {
    await database.db.connection().execute(async (db) => {
      for (let i = 0; i < 3; i++) await prepared(db.selectFrom('settings').select(['key'])).execute();
      await db.selectFrom('sections').select(['id']).execute();
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        db,
      );
      expect(rows.map((r) => r.statement)).toEqual(['select "key" from "settings" /* prepared */']);
    });
  });

  it('answers a prepared query after a migration changed its table, and prepares it again', async () => {
    await database.db.connection().execute(async (db) => {
      await sql`create table probe (a integer)`.execute(db);
      await sql`insert into probe values (1)`.execute(db);
      const read = () => sql<Record<string, number>>`select * from probe /* prepared */`.execute(db);
      expect((await read()).rows).toEqual([{ a: 1 }]);
      // The statement's result had one column; now the table has two ("cached plan must not change result type").
      await sql`alter table probe add column b integer default 2`.execute(db);
      expect((await read()).rows).toEqual([{ a: 1, b: 2 }]);
      expect((await read()).rows).toEqual([{ a: 1, b: 2 }]);
      const { rows } = await sql<{
        count: string;
      }>`select count(*) as count from pg_prepared_statements`.execute(db);
      // The stale one stays on the connection until it closes; the query now runs under a new name.
      expect(Number(rows[0]!.count)).toBe(2);
    });
  });

  it('inside a transaction, fails that transaction on a changed table; the next one answers', async () => {
    await sql`create table probe (a integer)`.execute(database.db);
    await sql`insert into probe values (1)`.execute(database.db);
    await database.db.connection().execute(async (db) => {
      const read = (on: typeof db) =>
        sql<Record<string, number>>`select * from probe /* prepared */`.execute(on);
      await read(db);
      await sql`alter table probe add column b integer default 2`.execute(db);
      await expect(db.transaction().execute((trx) => read(trx))).rejects.toMatchObject({ code: '0A000' });
      const again = await db.transaction().execute((trx) => read(trx));
      expect(again.rows).toEqual([{ a: 1, b: 2 }]);
    });
  });
});
