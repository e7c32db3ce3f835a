import { afterEach, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { buildTestApp } from '../../../test/support/app.js';
import {
  createTestDatabase,
  describeEachDialect,
  dialects,
  type TestDatabase,
} from '../../../test/support/databases.js';

describeEachDialect('health endpoints', (t) => {
  it('/healthz answers while the process is up', async () => {
    const { app } = await buildTestApp(t.database);
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('/readyz is ok when the database answers and every migration is applied', async () => {
    const { app } = await buildTestApp(t.database);
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', migrations: 'ok', storage: 'ok' },
    });
  });

  it('/readyz is 503 once the database is gone', async () => {
    const { app } = await buildTestApp(t.database);
    await t.database.db.destroy();
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', checks: { database: 'unreachable' } });
  });
});

let unmigrated: TestDatabase | undefined;
afterEach(async () => {
  await unmigrated?.close();
  unmigrated = undefined;
});

// A new release whose last migration another process has not applied yet.
it.each(dialects())('/readyz names pending migrations [%s]', async (dialect) => {
  unmigrated = await createTestDatabase(dialect);
  const newest = Object.keys(migrations).at(-1)!;
  await unmigrated.db
    .deleteFrom('kysely_migration' as never)
    .where('name' as never, '=', newest as never)
    .execute();
  const { app } = await buildTestApp(unmigrated);
  const res = await app.inject('/readyz');
  expect(res.statusCode).toBe(503);
  expect(res.json().checks.migrations).toBe(`pending: ${newest}`);
});
