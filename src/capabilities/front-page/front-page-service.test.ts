import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticles, addSection, TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import { createWebhook } from '../webhooks/index.js';
import { arrangeFrontPage, getFrontPage } from './front-page-service.js';

describeEachDialect('front page service', (t) => {
  it('tells integrators subscribed to front_page.updated, in the same transaction, and only on a change', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const [a, b] = await addArticles(db, clock, 2, { prefix: 'Live', section: world.id });
    const admin = { ...TEST_EDITOR, role: 'admin' as const };
    await createWebhook(
      db,
      clock,
      admin,
      { url: 'http://127.0.0.1:9/fp', events: ['front_page.updated'] },
      {
        allowPrivate: true,
      },
    );
    await db
      .transaction()
      .execute((trx) =>
        arrangeFrontPage(trx, clock, TEST_EDITOR, { revision: 1, articleIds: [b!.id, a!.id] }),
      );
    // The same order again is no change: nothing to tell.
    await db
      .transaction()
      .execute((trx) =>
        arrangeFrontPage(trx, clock, TEST_EDITOR, { revision: 2, articleIds: [b!.id, a!.id] }),
      );
    const sent = await db.selectFrom('webhook_deliveries').select(['event', 'payload']).execute();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.event).toBe('front_page.updated');
    expect(JSON.parse(sent[0]!.payload)).toEqual({ revision: 2, articleIds: [b!.id, a!.id] });
  });

  // On PostgreSQL the second save reads revision 1 while the first holds its write, then waits on
  // the row; on SQLite (one writer) it waits for the first to commit. Either way it must be refused.
  it('refuses a save whose revision was taken while it waited', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const [a, b] = await addArticles(db, clock, 2, { prefix: 'Live', section: world.id });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const first = db.transaction().execute(async (trx) => {
      await arrangeFrontPage(trx, clock, TEST_EDITOR, { revision: 1, articleIds: [a!.id] });
      written();
      await held;
    });
    await wrote;
    // The second save reads revision 1 (the first has not committed) and then waits on its row.
    const second = db
      .transaction()
      .execute((trx) => arrangeFrontPage(trx, clock, TEST_EDITOR, { revision: 1, articleIds: [b!.id] }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    if (t.dialect === 'postgres') await waitForLockWait(db);
    else await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await first;
    const error = await second;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('FRONT_PAGE_CONFLICT');
    expect((error as AppError).details).toMatchObject({ yourRevision: 1, currentRevision: 2 });
    const page = await getFrontPage(db);
    expect(page.revision).toBe(2);
    expect(page.picks.map((p) => p.articleId)).toEqual([a!.id]);
  });
});

/** Until some session waits on a row lock of the front page list (the second save's compare-and-set). */
async function waitForLockWait(db: Parameters<typeof getFrontPage>[0]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where wait_event_type = 'Lock' and query like '%front_page_lists%'`.execute(db);
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the second save never waited on the list row');
}
