import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/databases.js';
import { addArticle, addArticles, addSection, TEST_EDITOR } from '../../test/support/reader-fixtures.js';
import { runWorkflow } from '../capabilities/articles/index.js';
import { fixedClock } from '../platform/clock.js';
import { inTransaction } from '../platform/database/transaction.js';
import { latestRows, latestRowsBySectionGroup, listPublishedArticles } from './article-listing.js';

const headlines = (list: { headline: string }[]) => list.map((a) => a.headline);

describeEachDialect('published article lists', (t) => {
  it('lists only published articles, newest first, with bylines in order and section labels', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const [first, second] = await addArticles(db, clock, 3, {
      prefix: 'News',
      section: world.id,
      authors: ['Marta Kowalczyk', 'Ada Reporter'],
    });
    clock.advance(60_000);
    await addArticle(db, clock, { headline: 'A draft', section: world.id, draft: true });
    // Published, then taken down: no longer on any list.
    await inTransaction(db, (trx) =>
      runWorkflow(trx, clock, TEST_EDITOR, second!.id, 'unpublish', { revision: second!.revision }),
    );

    const page = await listPublishedArticles(db, { kind: 'all' }, 1);
    expect(headlines(page.articles)).toEqual(['News 3', 'News 1']);
    expect(page.hasNext).toBe(false);
    const oldest = page.articles[1]!;
    expect(oldest).toEqual({
      id: first!.id,
      slug: 'news-1',
      headline: 'News 1',
      dek: '',
      firstPublishedAt: '2026-11-16T09:01:00.000Z',
      publishedAt: '2026-11-16T09:01:00.000Z',
      section: { id: world.id, name: 'World', path: 'world' },
      authors: [
        { id: expect.any(String), name: 'Marta Kowalczyk', slug: 'marta-kowalczyk' },
        { id: expect.any(String), name: 'Ada Reporter', slug: 'ada-reporter' },
      ],
      bylineSuffix: '',
    });
  });

  it('pages with a look-ahead row, so the last full page says there is no next one', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    await addArticles(db, clock, 6, { prefix: 'Item', section: world.id });
    const scope = { kind: 'all' } as const;
    expect(await listPublishedArticles(db, scope, 1, 3)).toMatchObject({ page: 1, hasNext: true });
    const last = await listPublishedArticles(db, scope, 2, 3);
    expect(headlines(last.articles)).toEqual(['Item 3', 'Item 2', 'Item 1']);
    expect(last.hasNext).toBe(false);
    expect((await listPublishedArticles(db, scope, 3, 3)).articles).toEqual([]);
    expect(headlines(await latestRows(db, 2))).toEqual(['Item 6', 'Item 5']);
  });

  it('breaks ties in publication time by id, the same on every page', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const same = [];
    // The clock stands still: all four go live at the same instant.
    for (const h of ['A', 'B', 'C', 'D'])
      same.push(await addArticle(db, clock, { headline: h, section: world.id }));
    const ids = same
      .map((a) => a.id)
      .sort()
      .reverse();
    const one = await listPublishedArticles(db, { kind: 'all' }, 1, 2);
    const two = await listPublishedArticles(db, { kind: 'all' }, 2, 2);
    expect([...one.articles, ...two.articles].map((a) => a.id)).toEqual(ids);
  });

  it('scopes lists to sections, a tag or an author', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    const business = await addSection(db, clock, { name: 'Business' });
    await addArticle(db, clock, { headline: 'W', section: world.id, tags: ['Floods'], authors: ['Ann'] });
    clock.advance(1000);
    await addArticle(db, clock, {
      headline: 'E',
      section: europe.id,
      tags: ['Floods', 'Energy'],
      authors: ['Bo'],
    });
    clock.advance(1000);
    const b = await addArticle(db, clock, {
      headline: 'B',
      section: business.id,
      tags: ['Energy'],
      authors: ['Ann', 'Bo'],
    });
    clock.advance(1000);
    await addArticle(db, clock, {
      headline: 'Draft',
      section: business.id,
      tags: ['Energy'],
      authors: ['Ann'],
      draft: true,
    });

    const list = async (scope: Parameters<typeof listPublishedArticles>[1]) =>
      headlines((await listPublishedArticles(db, scope, 1)).articles);
    expect(await list({ kind: 'sections', sectionIds: [world.id, europe.id] })).toEqual(['E', 'W']);
    expect(await list({ kind: 'sections', sectionIds: [europe.id] })).toEqual(['E']);
    expect(await list({ kind: 'sections', sectionIds: [] })).toEqual([]);
    const energy = b.tags.find((tag) => tag.name === 'Energy')!;
    expect(await list({ kind: 'tag', tagId: energy.id })).toEqual(['B', 'E']);
    const ann = b.authors.find((a) => a.name === 'Ann')!;
    expect(await list({ kind: 'author', authorId: ann.id })).toEqual(['B', 'W']);
  });

  it("pages a section family by merging each section's newest, the same as one sorted list", async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    const africa = await addSection(db, clock, { name: 'Africa', parentId: world.id });
    const family = [world.id, europe.id, africa.id];
    // Interleaved: W1 E1 A1 W2 E2 A2 ... so every page mixes all three sections.
    for (let i = 1; i <= 7; i++) {
      for (const [prefix, section] of [
        ['W', world],
        ['E', europe],
        ['A', africa],
      ] as const) {
        clock.advance(1000);
        await addArticle(db, clock, { headline: `${prefix}${i}`, section: section.id });
      }
    }
    const all = headlines((await listPublishedArticles(db, { kind: 'all' }, 1, 100)).articles);
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await listPublishedArticles(db, { kind: 'sections', sectionIds: family }, page, 8);
      paged.push(...headlines(result.articles));
      expect(result.hasNext, `page ${page}`).toBe(page < 3);
    }
    expect(paged).toEqual(all);
    expect(paged.slice(0, 4)).toEqual(['A7', 'E7', 'W7', 'A6']);
    expect(
      (await listPublishedArticles(db, { kind: 'sections', sectionIds: family }, 4, 8)).articles,
    ).toEqual([]);
  });

  it('takes the newest few of each group of sections, leaving out what is excluded', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    const business = await addSection(db, clock, { name: 'Business' });
    const quiet = await addSection(db, clock, { name: 'Quiet' });
    await addArticles(db, clock, 3, { prefix: 'World', section: world.id });
    const eu = await addArticles(db, clock, 3, { prefix: 'Europe', section: europe.id });
    const biz = await addArticles(db, clock, 2, { prefix: 'Business', section: business.id });
    const groups = [
      { key: 'world', sectionIds: [world.id, europe.id] },
      { key: 'business', sectionIds: [business.id] },
      { key: 'quiet', sectionIds: [quiet.id] },
    ];
    const latest = await latestRowsBySectionGroup(
      db,
      t.database.dialect,
      groups,
      4,
      new Set([eu[2]!.id, biz[1]!.id]),
    );
    expect(headlines(latest.get('world')!)).toEqual(['Europe 2', 'Europe 1', 'World 3', 'World 2']);
    expect(headlines(latest.get('business')!)).toEqual(['Business 1']);
    expect(latest.get('quiet')).toEqual([]);
    expect(latest.get('world')![0]!.section_id).toBe(europe.id);
  });

  it('handles more sections than one compound query may hold', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const sections = [];
    for (let i = 0; i < 205; i++) sections.push(await addSection(db, clock, { name: `Section ${i}` }));
    await addArticle(db, clock, { headline: 'In the first', section: sections[0]!.id });
    clock.advance(1000);
    await addArticle(db, clock, { headline: 'In the last', section: sections[204]!.id });
    const latest = await latestRowsBySectionGroup(
      db,
      t.database.dialect,
      sections.map((s) => ({ key: s.id, sectionIds: [s.id] })),
      4,
    );
    expect(headlines(latest.get(sections[0]!.id)!)).toEqual(['In the first']);
    expect(headlines(latest.get(sections[204]!.id)!)).toEqual(['In the last']);
    expect(latest.get(sections[100]!.id)).toEqual([]);
  });
});

it('needs no database for an empty list of sections', async () => {
  // No query is made: the database handle is never touched.
  const page = await listPublishedArticles(undefined as never, { kind: 'sections', sectionIds: [] }, 1);
  expect(page).toEqual({ articles: [], page: 1, hasNext: false });
});
