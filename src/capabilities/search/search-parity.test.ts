import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import { addArticle, addSection } from '../../../test/support/search-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import type { Dialect } from '../../platform/database/database.js';
import { segmentsText } from './search.js';
import { type SearchRequest, type SearchResults, searchArticles } from './search-service.js';

/**
 * The same archive on both databases must search alike: same matches, same order where the
 * ranking is clear, same marked words and the same result shape. Needs both databases at once,
 * so it opens its own instead of running once per dialect.
 */
const both = dialects().length === 2;

describe.skipIf(!both)('search gives the same results on SQLite and PostgreSQL', () => {
  const databases = new Map<Dialect, TestDatabase>();

  beforeAll(async () => {
    for (const dialect of dialects()) {
      const database = await createTestDatabase(dialect);
      databases.set(dialect, database);
      const clock = fixedClock('2026-01-01T08:00:00Z');
      const { db } = database;
      const world = await addSection(db, clock, { name: 'World' });
      const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
      const sport = await addSection(db, clock, { name: 'Sport' });
      const made = [
        {
          headline: 'Harbour strike ends after talks',
          dek: 'Dockers return to work',
          section: europe.id,
          authors: ['Ann Lee'],
        },
        {
          headline: 'Budget talks stall',
          dek: 'The harbour fund is cut',
          section: world.id,
          authors: ['Bo Chen'],
        },
        {
          headline: 'Cup final tonight',
          section: sport.id,
          body: 'Fans gather at the harbour before the match.',
        },
        { headline: 'Harbourside flats approved', section: europe.id, authors: ['Ann Lee', 'Bo Chen'] },
        {
          headline: 'Zürich trams run late',
          section: europe.id,
          body: 'Commuters in Zürich waited an hour.',
        },
        {
          headline: 'Weather: storms ahead',
          section: world.id,
          body: 'Storm warnings for the coast and the harbour.',
        },
        { headline: 'Draft about the harbour', section: world.id, draft: true },
      ];
      for (const article of made) {
        clock.advance(3_600_000);
        await addArticle(db, clock, article);
      }
    }
  });

  afterAll(async () => {
    for (const database of databases.values()) await database.close();
  });

  const queries: SearchRequest[] = [
    { q: 'harbour', page: 1 },
    { q: 'harbo*', page: 1 },
    { q: 'talks', page: 1 },
    { q: 'harbour', section: 'world', page: 1 },
    { q: 'harbour', author: 'ann-lee', page: 1 },
    { q: 'harbour', from: '2026-01-01', to: '2026-01-01', timeZone: 'Europe/Paris', page: 1 },
    { q: 'zürich', page: 1 },
    { q: '" OR 1=1 --', page: 1 },
    { q: 'nothing matches this', page: 1 },
    { q: 'harbour', page: 2 },
  ];

  /** Everything but the ids (each database made its own) and the snippets' cut points. */
  function comparable(results: SearchResults) {
    return {
      ...results,
      sections: results.sections.map((s) => s.path),
      filters: {
        section: results.filters.section?.path ?? null,
        author: results.filters.author?.slug ?? null,
        from: results.filters.from,
        to: results.filters.to,
      },
      items: results.items.map((item) => ({
        ...item,
        id: typeof item.id,
        slug: item.slug,
        section: item.section?.path ?? null,
        authors: item.authors.map((a) => a.slug),
        snippet: item.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase()),
      })),
    };
  }

  for (const request of queries) {
    it(`agrees on ${JSON.stringify(request)}`, async () => {
      const [sqlite, postgres] = await Promise.all(
        (['sqlite', 'postgres'] as const).map(async (dialect) => {
          const database = databases.get(dialect)!;
          return searchArticles(database.db, dialect, request);
        }),
      );
      expect(comparable(postgres!)).toEqual(comparable(sqlite!));
    });
  }

  it('ranks headline matches first, and leaves drafts out', async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const results = await searchArticles(databases.get(dialect)!.db, dialect, { q: 'harbour', page: 1 });
      const order = results.items.map((i) => segmentsText(i.headline));
      expect(order[0]).toBe('Harbour strike ends after talks');
      expect(order).not.toContain('Draft about the harbour');
      // A whole word unless the reader asks for a prefix.
      expect(order).not.toContain('Harbourside flats approved');
      expect(results.total).toBe(4);
    }
  });
});
