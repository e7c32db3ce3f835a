import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import { addArticle, addSection, editArticle } from '../../../test/support/search-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { tidySearchIndex } from './search-index-upkeep.js';
import { searchArticles } from './search-service.js';

/**
 * The upkeep merges the segments a paper's one-article-at-a-time writes leave in SQLite's search
 * index, and changes nothing a search finds: the same results, and FTS5's own integrity check
 * passes. (The worker's hourly job runs this; src/worker.test.ts checks every job has a lane.)
 */
describe.skipIf(!dialects().includes('sqlite'))('SQLite search index upkeep', () => {
  let database: TestDatabase;
  const clock = fixedClock('2026-03-01T08:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const { db } = database;
    const section = await addSection(db, clock, { name: 'City' });
    // Each write is its own transaction, as the newsroom's are: each adds a segment to the index.
    for (let i = 0; i < 30; i++) {
      clock.advance(3_600_000);
      const article = await addArticle(db, clock, {
        headline: i % 3 === 0 ? `Harbour vote ${i}` : `Council budget ${i}`,
        section: section.id,
        authors: ['Ann Lee'],
        body: `The harbour board met on day ${i} to weigh the budget.`,
      });
      if (i % 5 === 0) await editArticle(db, clock, article, { dek: `Updated dek ${i}` });
    }
  });

  afterAll(async () => {
    await database.close();
  });

  it('merges the index to one segment, and every search finds what it found before', async () => {
    const { db } = database;
    const queries = ['harbour', 'budget', 'harbour budget', 'counc*', 'vote day'];
    const search = async () =>
      Promise.all(queries.map((q) => searchArticles(db, 'sqlite', { q, page: 1 }, { ranked: 1000 })));
    const before = await search();

    const report = await tidySearchIndex(db, 0);
    expect(report.segmentsBefore).toBeGreaterThan(1);
    expect(report.steps).toBeGreaterThan(0);
    expect(report.segmentsAfter).toBe(1);
    expect(await search()).toEqual(before);
    // FTS5 compares the index with its content and fails with SQLITE_CORRUPT if they differ.
    await sql`insert into articles_search (articles_search, rank) values ('integrity-check', 1)`.execute(db);

    // Nothing left to merge: a second tidy does no work.
    expect(await tidySearchIndex(db, 0)).toEqual({ steps: 0, segmentsBefore: 1, segmentsAfter: 1 });
  });
});
