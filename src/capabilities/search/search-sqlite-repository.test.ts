import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/support/databases.js';
import {
  addArticle,
  addSection,
  editArticle,
  publish,
  unpublish,
} from '../../../test/support/search-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import type { Article } from '../articles/index.js';
import { findOrCreateGuestAuthors } from '../authors/index.js';
import { type SearchTerms, searchTerms } from './search.js';
import type { SearchFilters } from './search-repository.js';
import { sqliteExpandPrefixes, sqliteSearchWindow, sqliteTermCounts } from './search-sqlite-repository.js';
import { indexedWordsBetween } from './search-sqlite-words.js';

/**
 * On SQLite the filters are words in the full-text index, kept by triggers. Whatever the writes,
 * a filtered window must be what filtering every match by the article rows gives: the newest
 * matches that pass, newest first; and FTS5's own integrity check must find the index equal to
 * its content (the published articles with their filter words).
 */
describe.skipIf(!dialects().includes('sqlite'))('SQLite search window', () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};
  const articles: Article[] = [];
  const clock = fixedClock('2026-02-01T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const { db } = database;
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    const sport = await addSection(db, clock, { name: 'Sport' });
    Object.assign(ids, { world: world.id, europe: europe.id, sport: sport.id });
    const sections = [world.id, europe.id, sport.id];
    const bylines = [['Ann Lee'], ['Bo Chen'], ['Ann Lee', 'Bo Chen']];
    for (let i = 0; i < 24; i++) {
      // Seven hours apart: the articles fall at every time of day, so days in other zones split.
      clock.advance(7 * 3_600_000);
      const article = await addArticle(db, clock, {
        headline: i % 4 === 0 ? `Storm warning ${i}` : `Coast report ${i}`,
        section: sections[i % 3] as string,
        authors: bylines[i % 3],
        body: i % 2 === 0 ? `The storm reached the coast on day ${i}.` : `Calm seas on day ${i}.`,
      });
      articles.push(article);
      for (const author of article.authors) ids[author.slug] = author.id;
    }
  });

  afterAll(async () => {
    await database.close();
  });

  /** Days in UTC, in a zone five hours behind and in one five and a half ahead: whole and part hours. */
  const filterSets = (): SearchFilters[] => [
    { sectionIds: [ids.world as string, ids.europe as string] },
    { authorId: ids['bo-chen'] as string },
    { authorId: ids['ann-lee'] as string, sectionIds: [ids.world as string] },
    { from: '2026-02-02T00:00:00.000Z', until: '2026-02-05T00:00:00.000Z' },
    { from: '2026-02-01T18:30:00.000Z', until: '2026-02-04T18:30:00.000Z' },
    { from: '2026-02-02T18:30:00.000Z', until: '2026-02-03T18:30:00.000Z' },
    { from: '2026-02-03T07:00:00.000Z', until: '2026-02-03T09:00:00.000Z' },
    { from: '2026-02-02T05:00:00.000Z', until: '2026-02-04T05:00:00.000Z' },
    { from: '2026-02-03T18:30:00.000Z' },
    { authorId: ids['ann-lee'] as string, from: '2026-02-04T18:30:00.000Z' },
    { until: '2026-02-03T00:00:00.000Z' },
    { from: '2025-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' },
    { from: '2027-01-01T00:00:00.000Z' },
    {
      sectionIds: [ids.sport as string],
      authorId: ids['bo-chen'] as string,
      until: '2026-02-06T18:30:00.000Z',
    },
    { sectionIds: [ids.sport as string], authorId: ids['ann-lee'] as string },
  ];

  /** Every match walked unfiltered, then the filters applied to the article rows. */
  async function expected(db: Db, terms: SearchTerms, filters: SearchFilters): Promise<number[]> {
    const every = await sqliteSearchWindow(db, terms, {}, 1000);
    if (every.length === 0) return [];
    const passing = await db
      .selectFrom('articles')
      .select(sql<number>`articles.rowid`.as('key'))
      .where(sql<boolean>`articles.rowid in (${sql.join(every.map((r) => r.key))})`)
      .where('status', '=', 'published')
      .$if(filters.sectionIds !== undefined, (q) => q.where('section_id', 'in', filters.sectionIds ?? []))
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
      .execute();
    const keys = new Set(passing.map((r) => r.key));
    return every.map((r) => r.key).filter((key) => keys.has(key));
  }

  /** Compares every filter set, query and window size; returns how many windows were not empty. */
  async function compareAll(db: Db): Promise<number> {
    let filled = 0;
    for (const filters of filterSets()) {
      for (const q of ['storm', 'coast', 'storm coast', 'day', 'nowhere']) {
        const terms = searchTerms(q);
        const want = await expected(db, terms, filters);
        for (const size of [1, 3, 100]) {
          const window = await sqliteSearchWindow(db, terms, filters, size);
          expect(
            window.map((r) => r.key),
            `${q} ${JSON.stringify(filters)} ${size}`,
          ).toEqual(want.slice(0, size));
          if (window.length > 0) filled += 1;
        }
      }
    }
    return filled;
  }

  async function checkIndex(db: Db): Promise<void> {
    // FTS5 reads every row of the content view and fails with SQLITE_CORRUPT if the index differs.
    await sql`insert into articles_search (articles_search, rank) values ('integrity-check', 1)`.execute(db);
  }

  it('counts each term’s matches', async () => {
    const counts = await sqliteTermCounts(database.db, searchTerms('storm coast nowhere'));
    expect(counts).toEqual([12, 24, 0]);
  });

  it('finds the newest matches that pass the filters, in every time zone', async () => {
    const { db } = database;
    await checkIndex(db);
    // Most combinations find something: the comparison is between real lists.
    expect(await compareAll(db)).toBeGreaterThan(120);
    const some = await sqliteSearchWindow(db, searchTerms('coast'), filterSets()[2] as SearchFilters, 100);
    expect(some.every((r) => typeof r.headline === 'string' && typeof r.dek === 'string')).toBe(true);
  });

  it('keeps the filter words in step with edits, bylines, sections, dates, unpublishing and deletes', async () => {
    const { db } = database;
    const edit = (article: Article, changes: Parameters<typeof editArticle>[3]) =>
      editArticle(db, clock, article, changes);
    const [cy] = await findOrCreateGuestAuthors(db, clock, ['Cy Diaz']);
    ids['cy-diaz'] = cy?.id as string;
    // A byline replaced (rows deleted and inserted), a section moved, both at once.
    articles[0] = await edit(articles[0] as Article, {
      authorIds: [cy?.id as string, ids['bo-chen'] as string],
    });
    articles[1] = await edit(articles[1] as Article, { section: ids.sport });
    articles[2] = await edit(articles[2] as Article, {
      section: ids.world,
      authorIds: [ids['ann-lee'] as string],
    });
    // The text changed; the text and nothing else saved again.
    articles[4] = await edit(articles[4] as Article, { headline: 'Storm over the coast' });
    // Unpublished, then its byline changed while unpublished, then published again.
    articles[5] = await unpublish(db, clock, articles[5] as Article);
    articles[5] = await edit(articles[5] as Article, { authorIds: [cy?.id as string] });
    articles[5] = await publish(db, clock, articles[5] as Article);
    articles[6] = await unpublish(db, clock, articles[6] as Article);
    // The importer's way: published_at alone, on the row.
    await db
      .updateTable('articles')
      .set({ published_at: '2026-02-03T08:00:00.000Z' })
      .where('id', '=', (articles[7] as Article).id)
      .execute();
    // A byline row changed in place, and an article deleted outright with its bylines.
    await db
      .updateTable('article_authors')
      .set({ author_id: cy?.id as string })
      .where('article_id', '=', (articles[8] as Article).id)
      .where('author_id', '=', ids['bo-chen'] as string)
      .execute();
    await db
      .deleteFrom('articles')
      .where('id', '=', (articles[9] as Article).id)
      .execute();
    await checkIndex(db);
    expect(await compareAll(db)).toBeGreaterThan(120);
    const cyFinds = await sqliteSearchWindow(
      db,
      searchTerms('day'),
      { authorId: ids['cy-diaz'] as string },
      100,
    );
    expect(cyFinds.length).toBe(3);
  });

  it('searches a prefix as the indexed words it stands for, or leaves a very common one to FTS5', async () => {
    const { db } = database;
    const many = Array.from(
      { length: 60 },
      (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    await addArticle(db, clock, {
      headline: 'Vocabulary',
      section: ids.sport as string,
      body: many.join(' '),
    });
    await addArticle(db, clock, {
      headline: 'Coastal paths',
      section: ids.sport as string,
      body: 'Coastguard coastline coastal coast.',
    });
    const harb = await sqliteExpandPrefixes(db, searchTerms('coa* storm zzz* zq* zqa*'));
    expect(harb.completions).toEqual([
      ['coast', 'coastal', 'coastguard', 'coastline'],
      null,
      [],
      null,
      ['zqaa', 'zqab', 'zqac'],
    ]);
    const both = searchTerms('coa* storm');
    const expanded = await sqliteExpandPrefixes(db, both);
    const counts = await sqliteTermCounts(db, expanded);
    expect(counts).toEqual(await sqliteTermCounts(db, both));
    const filters = { sectionIds: [ids.sport as string] };
    expect(await sqliteSearchWindow(db, expanded, filters, 100)).toEqual(
      await sqliteSearchWindow(db, both, filters, 100),
    );
  });

  it('lists the words of a prefix as FTS5’s vocabulary does, across segments, merges and deletes', async () => {
    const { db } = database;
    // Words spread over many pages: long articles with many words, common and rare, written one
    // transaction at a time (a segment each, merged as FTS5 goes), some since deleted.
    const syllables = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to'];
    const wordAt = (n: number) =>
      `${syllables[n % 8]}${syllables[Math.floor(n / 8) % 8]}${syllables[Math.floor(n / 64) % 8]}${n % 7}`;
    const written: Article[] = [];
    for (let a = 0; a < 30; a++) {
      const body = Array.from({ length: 400 }, (_, i) =>
        i % 3 === 0 ? 'kalomi' : wordAt(a * 131 + i * 17),
      ).join(' ');
      written.push(
        await addArticle(db, clock, { headline: `Long read ${a}`, section: ids.sport as string, body }),
      );
    }
    for (const gone of written.filter((_, i) => i % 7 === 3)) {
      await db.deleteFrom('articles').where('id', '=', gone.id).execute();
    }
    await sql`insert into articles_search (articles_search, rank) values ('merge', 40)`.execute(db);
    await sql`create virtual table temp.words using fts5vocab(main, articles_search, row)`.execute(db);
    try {
      const { rows } = await sql<{ term: string }>`select term from temp.words`.execute(db);
      const prefixes = new Set(
        rows.flatMap((r) => [r.term.slice(0, 1), r.term.slice(0, 2), r.term.slice(0, 4)]),
      );
      const { rows: pages } = await sql<{ n: number }>`
        select count(*) as n from articles_search_idx`.execute(db);
      // Pages keyed by their first word exist: both ways of finding a page are tried.
      expect(pages[0]?.n).toBeGreaterThan(10);
      let compared = 0;
      for (const start of prefixes) {
        const end = `${start.slice(0, -1)}${String.fromCodePoint((start.codePointAt(start.length - 1) ?? 0) + 1)}`;
        const { rows: want } = await sql<{ term: string }>`
          select term from temp.words where term >= ${start} and term < ${end} and doc > 0`.execute(db);
        const got = await indexedWordsBetween(db, start, end, 100_000);
        // Every live word, and nothing outside the range; a deleted word not yet merged away may stay.
        expect(got, start).toEqual(expect.arrayContaining(want.map((r) => r.term)));
        expect(got?.every((w) => w >= start && w < end)).toBe(true);
        compared += want.length;
      }
      expect(compared).toBeGreaterThan(500);
      expect(await indexedWordsBetween(db, 'ka', 'kb', 3)).toBeNull();
    } finally {
      await sql`drop table temp.words`.execute(db);
    }
  });
});
