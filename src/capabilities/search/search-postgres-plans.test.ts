import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import { addArticle, addSection } from '../../../test/support/search-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { COMMON_TERM_ESTIMATE, searchTerms, TERM_COUNT_CAP } from './search.js';
import {
  postgresEstimateTerms,
  postgresSearchRowsQuery,
  postgresSearchWindow,
  postgresTermCounts,
} from './search-repository.js';

/**
 * PostgreSQL's search reads how common each term is from its statistics, and on that walks the newest
 * articles instead of asking the GIN index for every match, or takes a common term's count at the cap.
 * Whichever way a window is read, it holds the same articles in the same order.
 */
describe.skipIf(!dialects().includes('postgres'))('PostgreSQL search, guided by its statistics', () => {
  let database: TestDatabase;
  /** Headlines of the published articles holding "harbour", newest first. */
  const harbourNewestFirst: string[] = [];
  const ferries: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const clock = fixedClock('2026-01-01T08:00:00Z');
    const section = await addSection(database.db, clock, { name: 'News' });
    for (let i = 0; i < 60; i++) {
      clock.advance(60_000);
      const headline = `Story number ${i}`;
      const ferry = i % 2 === 0;
      const body = `The harbour board met.${ferry ? ' Ferries were late.' : ''}${i === 7 ? ' A lighthouse keeper spoke.' : ''}`;
      await addArticle(database.db, clock, { headline, section: section.id, body });
      harbourNewestFirst.unshift(headline);
      if (ferry) ferries.unshift(headline);
    }
    await addArticle(database.db, clock, {
      headline: 'Draft about the harbour',
      section: section.id,
      draft: true,
    });
    await sql`analyze articles`.execute(database.db);
  });

  afterAll(async () => {
    await database?.close();
  });

  const headlines = async (ids: string[]) => {
    const rows = await database.db.selectFrom('articles').select(['id', 'headline']).execute();
    const byId = new Map(rows.map((row) => [row.id, row.headline]));
    return ids.map((id) => byId.get(id));
  };

  it('estimates from the statistics how many articles hold a word, a prefix, and a word they do not list', async () => {
    const { estimates } = await postgresEstimateTerms(database.db, searchTerms('harbour ferr* zebra'));
    expect(estimates?.articles).toBe(61);
    // Every article holds "harbour" (the draft too: the statistics are over every row).
    expect(estimates?.holding[0]).toBeGreaterThan(55);
    expect(estimates?.holding[0]).toBeLessThanOrEqual(61);
    // "ferries" in half of them.
    expect(estimates?.holding[1]).toBeGreaterThan(20);
    expect(estimates?.holding[1]).toBeLessThan(40);
    expect(estimates?.holding[2]).toBe(0);
  });

  it('finds the same newest matches walking the newest articles as through the GIN index', async () => {
    for (const [query, expected] of [
      ['harbour', harbourNewestFirst],
      ['ferr*', ferries],
      ['harbour ferries', ferries],
      ['lighthouse', ['Story number 7']],
    ] as const) {
      const terms = await postgresEstimateTerms(database.db, searchTerms(query));
      const planned = { ...terms, estimates: undefined };
      // Common enough to walk: the share of the archive matching every term is well over a tenth.
      const walked = { ...terms, estimates: { articles: 61, holding: terms.terms.map(() => 61) } };
      for (const size of [5, 100]) {
        const want = expected.slice(0, size);
        for (const asked of [planned, walked]) {
          const window = await postgresSearchWindow(database.db, asked, {}, size);
          expect(await headlines(window.map((row) => row.key))).toEqual(want);
        }
      }
    }
  });

  it('takes a term the statistics call common at the cap without counting, and counts the others', async () => {
    const terms = searchTerms('harbour ferries lighthouse');
    const counted = await postgresTermCounts(database.db, terms);
    expect(counted).toEqual([60, 30, 1]);
    const common = {
      ...terms,
      estimates: { articles: 100_000, holding: [COMMON_TERM_ESTIMATE, COMMON_TERM_ESTIMATE - 1, 0] },
    };
    expect(await postgresTermCounts(database.db, common)).toEqual([TERM_COUNT_CAP, 30, 1]);
  });

  it("computes each result's body snippet once, not once for every place the query reads it", async () => {
    // ts_headline over a body is the search page's dearest step (about 0.5 ms for 5 KB); folded into
    // its four uses by the planner, it ran four times a row.
    const ids = (await database.db.selectFrom('articles').select('id').limit(3).execute()).map((r) => r.id);
    const query = postgresSearchRowsQuery(searchTerms('harbour'), ids);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (verbose, costs off) ${query}`.execute(
      database.db,
    );
    const outputs = rows.map((row) => row['QUERY PLAN'].trim()).filter((line) => line.startsWith('Output:'));
    // One plan node computes the snippet and nothing else; every other node reads that node's column.
    // Folded, the call is written into each use instead (translate, position, length), each computing it.
    const snippet = /^Output: ts_headline\('simple'::regconfig, a\.public_text, [^,]+, '[^']*'::text\)$/;
    expect(outputs.filter((line) => snippet.test(line))).toHaveLength(1);
  });
});
