import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { searchTerms } from './search.js';
import { addArticle, addSection } from './search-fixtures.js';
import type { SearchFilters } from './search-repository.js';
import {
  sqliteExpandPrefixes,
  sqliteSearchWindow,
  sqliteTermCounts,
  type WindowPlan,
} from './search-sqlite-repository.js';

/**
 * A filtered search on SQLite walks the matches or looks the filtered articles up one by one,
 * by cost. Whichever way it goes, the window must be the same: the newest matches that pass the
 * filters, newest first.
 */
describe.skipIf(!dialects().includes('sqlite'))('SQLite search window', () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const { db } = database;
    const clock = fixedClock('2026-02-01T10:00:00Z');
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    const sport = await addSection(db, clock, { name: 'Sport' });
    Object.assign(ids, { world: world.id, europe: europe.id, sport: sport.id });
    const sections = [world.id, europe.id, sport.id];
    const bylines = [['Ann Lee'], ['Bo Chen'], ['Ann Lee', 'Bo Chen']];
    for (let i = 0; i < 24; i++) {
      clock.advance(86_400_000);
      const article = await addArticle(db, clock, {
        headline: i % 4 === 0 ? `Storm warning ${i}` : `Coast report ${i}`,
        section: sections[i % 3] as string,
        authors: bylines[i % 3],
        body: i % 2 === 0 ? `The storm reached the coast on day ${i}.` : `Calm seas on day ${i}.`,
      });
      for (const author of article.authors) ids[author.slug] = author.id;
    }
  });

  afterAll(async () => {
    await database.close();
  });

  const filterSets = (): SearchFilters[] => [
    { sectionIds: [ids.world as string, ids.europe as string] },
    { authorId: ids['bo-chen'] as string },
    { authorId: ids['ann-lee'] as string, sectionIds: [ids.world as string] },
    { from: '2026-02-05T00:00:00.000Z', until: '2026-02-15T00:00:00.000Z' },
    { authorId: ids['ann-lee'] as string, from: '2026-02-10T00:00:00.000Z' },
    {
      sectionIds: [ids.sport as string],
      authorId: ids['bo-chen'] as string,
      until: '2026-02-20T00:00:00.000Z',
    },
    { sectionIds: [ids.sport as string], authorId: ids['ann-lee'] as string },
  ];

  it('finds the same newest filtered matches whichever way it goes', async () => {
    const { db } = database;
    const plans: WindowPlan[] = [
      {}, // as the counts choose: these words are rare, so every match is walked and checked
      { seekAtMost: 10_000 }, // each filtered article looked up
      { seekAtMost: 0, gatherAtMost: 10_000 }, // the filtered rowids gathered, the matches walked
      { seekAtMost: 0, gatherAtMost: 0 }, // each match walked checked through the filter index
    ];
    let compared = 0;
    for (const filters of filterSets()) {
      for (const q of ['storm', 'coast', 'storm coast', 'day']) {
        const terms = searchTerms(q);
        const counts = await sqliteTermCounts(db, terms);
        // The plain answer: every match, newest first, then the filters applied to the rows.
        const every = await sqliteSearchWindow(db, terms, {}, 100, counts);
        const passing = new Set(
          (
            await db
              .selectFrom('articles')
              .select(sql<number>`articles.rowid`.as('key'))
              .where(sql<boolean>`articles.rowid in (${sql.join(every.map((r) => r.key))})`)
              .where('status', '=', 'published')
              .$if(filters.sectionIds !== undefined, (q) =>
                q.where('section_id', 'in', filters.sectionIds ?? []),
              )
              .$if(filters.from !== undefined, (q) => q.where('published_at', '>=', filters.from ?? ''))
              .$if(filters.until !== undefined, (q) => q.where('published_at', '<', filters.until ?? ''))
              .$if(filters.authorId !== undefined, (q) =>
                q.where('id', 'in', (eb) =>
                  eb
                    .selectFrom('article_authors')
                    .select('article_id')
                    .where('author_id', '=', filters.authorId ?? ''),
                ),
              )
              .execute()
          ).map((r) => r.key),
        );
        const expected = every.filter((r) => passing.has(r.key));
        for (const size of [1, 3, 100]) {
          for (const plan of plans) {
            const window = await sqliteSearchWindow(db, terms, filters, size, counts, plan);
            expect(window).toEqual(expected.slice(0, size));
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    // Not every combination is empty: the comparison is between real lists.
    const coast = searchTerms('coast');
    const some = await sqliteSearchWindow(
      db,
      coast,
      filterSets()[2] as SearchFilters,
      100,
      await sqliteTermCounts(db, coast),
    );
    expect(some.length).toBeGreaterThan(2);
    expect(some.every((r) => typeof r.headline === 'string' && typeof r.dek === 'string')).toBe(true);
  });

  it('searches a prefix as the indexed words it stands for, or leaves a very common one to FTS5', async () => {
    const { db } = database;
    const clock = fixedClock('2026-06-01T10:00:00Z');
    const many = Array.from(
      { length: 60 },
      (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    await addArticle(db, clock, {
      headline: 'Vocabulary',
      section: ids.sport as string,
      body: many.join(' '),
    });
    const harb = await sqliteExpandPrefixes(db, searchTerms('coa* storm zzz* zq*'));
    expect(harb.completions).toEqual([['coast'], null, [], null]);
    const both = searchTerms('coa* storm');
    const expanded = await sqliteExpandPrefixes(db, both);
    const counts = await sqliteTermCounts(db, expanded);
    expect(counts).toEqual(await sqliteTermCounts(db, both));
    expect(await sqliteSearchWindow(db, expanded, {}, 100, counts)).toEqual(
      await sqliteSearchWindow(db, both, {}, 100, counts),
    );
  });

  it('counts each term’s matches', async () => {
    const counts = await sqliteTermCounts(database.db, searchTerms('storm coast nowhere'));
    expect(counts).toEqual([12, 24, 0]);
  });
});
