import { CompiledQuery } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import * as relatedByTag from '../../../migrations/0014-related-by-tag.js';
import { editAndUpdate } from '../../../test/support/article-edits.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  type Article,
  createArticle,
  getArticle,
  PUBLISH_JOB,
  publishScheduledArticle,
  restoreRevision,
  runWorkflow,
  type updateArticle,
} from '../../capabilities/articles/index.js';
import { createAuthor } from '../../capabilities/authors/index.js';
import { createSection } from '../../capabilities/sections/index.js';
import type { Actor } from '../../capabilities/staff/index.js';
import { loadConfig } from '../../config.js';
import { fixedClock } from '../../platform/clock.js';
import { createJobWorker } from '../../platform/jobs/job-worker.js';
import { lookUpReaderArticle, RELATED_LIMIT } from './article-reader.js';
import { findRelatedCandidates, relatedCandidatesQuery } from './article-reader-repository.js';

const OWNER: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };

describeEachDialect('reader queries for the article page', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00.000Z');
  let sections: { id: string }[];
  let authorId: string;

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    const db = t.database.db;
    sections = [
      await createSection(db, clock, OWNER, { name: 'World' }),
      await createSection(db, clock, OWNER, { name: 'Sport' }),
    ];
    authorId = (await createAuthor(db, clock, OWNER, { name: 'Rita Reporter' })).id;
  });

  async function write(
    headline: string,
    fields: Record<string, unknown> = {},
    publish = true,
  ): Promise<Article> {
    clock.advance(60_000);
    return t.database.db.transaction().execute(async (trx) => {
      const draft = await createArticle(trx, clock, OWNER, {
        headline,
        section: sections[0]?.id,
        authorIds: [authorId],
        bodyMarkdown: 'Words.',
        ...fields,
      } as Parameters<typeof createArticle>[3]);
      return publish
        ? runWorkflow(trx, clock, OWNER, draft.id, 'publish', { revision: draft.revision })
        : draft;
    });
  }

  const act = (
    article: Article,
    action: Parameters<typeof runWorkflow>[4],
    options: Partial<Parameters<typeof runWorkflow>[5]> = {},
  ) =>
    t.database.db
      .transaction()
      .execute((trx) =>
        runWorkflow(trx, clock, OWNER, article.id, action, { revision: article.revision, ...options }),
      );

  /** Every tag row of the article, by tag name, with the publication time it carries. */
  async function tagTimes(articleId: string): Promise<Record<string, string | null>> {
    const rows = await t.database.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.name', 'article_tags.published_at'])
      .where('article_tags.article_id', '=', articleId)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.name, r.published_at]));
  }

  /** The denormalized column agrees with the articles table on every row of the database. */
  async function expectInStep(): Promise<void> {
    const rows = await t.database.db
      .selectFrom('article_tags')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .select(['articles.status', 'articles.published_at as article_time', 'article_tags.published_at'])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.published_at).toBe(row.status === 'published' ? row.article_time : null);
    }
  }

  it('keeps each tag row’s publication time in step through publish, edit, retag, unpublish and republish', async () => {
    let article = await write('Harbour deal', { tags: ['Harbour', 'Budget'] }, false);
    expect(await tagTimes(article.id)).toEqual({ Harbour: null, Budget: null });

    article = await act(article, 'publish');
    const first = article.publishedAt;
    expect(await tagTimes(article.id)).toEqual({ Harbour: first, Budget: first });

    clock.advance(60_000);
    const edit = (a: Article, fields: Parameters<typeof updateArticle>[5]) =>
      t.database.db.transaction().execute((trx) => editAndUpdate(trx, clock, OWNER, a, fields));
    article = await edit(article, { headline: 'Harbour deal signed' });
    expect(await tagTimes(article.id)).toEqual({ Harbour: first, Budget: first });
    // A retag of a published article: the new tag is live at once, the dropped one is gone.
    article = await edit(article, { tags: ['Harbour', 'Ferries'] });
    expect(await tagTimes(article.id)).toEqual({ Harbour: first, Ferries: first });

    clock.advance(60_000);
    article = await act(article, 'unpublish');
    expect(await tagTimes(article.id)).toEqual({ Harbour: null, Ferries: null });
    // Retagged while withdrawn: still not live.
    article = await edit(article, { tags: ['Ferries'] });
    expect(await tagTimes(article.id)).toEqual({ Ferries: null });

    clock.advance(60_000);
    article = await act(article, 'publish');
    expect(article.publishedAt).not.toBe(first);
    expect(await tagTimes(article.id)).toEqual({ Ferries: article.publishedAt });

    // Restoring a revision with other tags is staged (ADR 0017), and goes live through the same write.
    article = await t.database.db
      .transaction()
      .execute((trx) => restoreRevision(trx, clock, OWNER, article.id, 2, article.revision));
    expect(await tagTimes(article.id)).toEqual({ Ferries: article.publishedAt });
    article = await act(article, 'update');
    expect(await tagTimes(article.id)).toEqual({ Harbour: article.publishedAt, Budget: article.publishedAt });
    await expectInStep();
    article = await edit(article, { tags: [] });
    expect(await tagTimes(article.id)).toEqual({});
  });

  it('keeps scheduled articles’ tags dark until the scheduled job publishes them', async () => {
    let article = await write('Ferry timetable', { tags: ['Ferries'] }, false);
    article = await act(article, 'schedule', { at: '2026-11-16T12:00:00.000Z' });
    expect(await tagTimes(article.id)).toEqual({ Ferries: null });
    // Rescheduled: a new time, still not live.
    article = await act(article, 'schedule', { at: '2026-11-16T13:00:00.000Z' });
    expect(await tagTimes(article.id)).toEqual({ Ferries: null });

    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const worker = createJobWorker({
      database: t.database,
      clock,
      config: loaded.config,
      handlers: { [PUBLISH_JOB]: publishScheduledArticle },
      logger: quiet,
    });
    clock.set('2026-11-16T13:00:01.000Z');
    expect(await worker.runDue()).toBe(1);
    article = await getArticle(t.database.db, article.id);
    expect(article.status).toBe('published');
    expect(await tagTimes(article.id)).toEqual({ Ferries: article.publishedAt });

    const back = await act(article, 'unpublish');
    expect(await tagTimes(back.id)).toEqual({ Ferries: null });
    await expectInStep();
  });

  it('fills the column for articles written before the migration, and the index serves the list', async () => {
    const db = t.database.db;
    const live = await write('Live', { tags: ['Europe'] });
    const draft = await write('Draft', { tags: ['Europe'] }, false);
    const gone = await act(await write('Withdrawn', { tags: ['Europe'] }), 'unpublish');
    await relatedByTag.down(db);
    await relatedByTag.up(db);
    expect(await tagTimes(live.id)).toEqual({ Europe: live.publishedAt });
    expect(await tagTimes(draft.id)).toEqual({ Europe: null });
    expect(await tagTimes(gone.id)).toEqual({ Europe: null });
    await expectInStep();
  });

  it('lists the newest published articles of the section and of each tag, never drafts or withdrawn ones', async () => {
    const made: Article[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await write(`Tagged ${i}`, { tags: ['Europe'], section: sections[i % 2]?.id }));
    }
    const withdrawn = await write('Tagged but withdrawn', { tags: ['Europe'], section: sections[1]?.id });
    await act(withdrawn, 'unpublish');
    await write('Untagged', {});
    await write('Tagged draft', { tags: ['Europe'], section: sections[1]?.id }, false);
    const tagId = made[0]?.tags[0]?.id as string;
    const db = t.database.db;

    const byTag = await findRelatedCandidates(db, { sectionId: null, tagIds: [tagId] }, 3);
    expect(byTag.map((r) => r.headline)).toEqual(['Tagged 4', 'Tagged 3', 'Tagged 2']);
    const bySection = await findRelatedCandidates(db, { sectionId: sections[1]?.id ?? null, tagIds: [] }, 5);
    expect(bySection.map((r) => r.headline)).toEqual(['Tagged 3', 'Tagged 1']);
    const both = await findRelatedCandidates(
      db,
      { sectionId: sections[1]?.id ?? null, tagIds: [tagId, tagId] },
      2,
    );
    // The newest of the section's and the tags' together, each once.
    expect(both.map((r) => r.headline)).toEqual(['Tagged 4', 'Tagged 3']);
    expect(await findRelatedCandidates(db, { sectionId: null, tagIds: [] }, 3)).toEqual([]);

    // On the page: once each, never itself, newest first, RELATED_LIMIT at most.
    const page = await lookUpReaderArticle(db, made[2]?.slug as string);
    if (page.kind !== 'published') throw new Error('expected the article');
    expect(page.article.related.map((r) => r.headline)).toEqual([
      'Untagged',
      'Tagged 4',
      'Tagged 3',
      'Tagged 1',
      'Tagged 0',
    ]);
    expect(page.article.related).toHaveLength(RELATED_LIMIT);
  });

  it('walks an index for every part of the related query, sorting nothing, reading no article (SQLite plan)', async () => {
    if (t.dialect !== 'sqlite') return;
    const query = relatedCandidatesQuery(t.database.db, { sectionId: 's', tagIds: ['a', 'b'] }, 6);
    if (!query) throw new Error('expected a query');
    const compiled = query.compile();
    const { rows } = await t.database.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    const plan = rows.map((r) => r.detail).join('\n');
    expect(plan).toContain('article_tags_tag_published');
    expect(plan).toContain('articles_section_listing');
    expect(plan).not.toMatch(/SCAN (articles|article_tags)\b(?! USING)/);
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
    // Ids and times come from the indexes alone: no part opens an article's row (and its body).
    expect(plan).toContain('USING COVERING INDEX articles_section_listing');
    expect(plan).toContain('USING COVERING INDEX article_tags_tag_published');
    expect(plan).not.toMatch(/SEARCH articles USING INDEX sqlite_autoindex/);
  });

  it('looks an article up by its current slug, an old slug, and says which', async () => {
    const article = await write('First headline', { slug: 'first-headline' });
    await t.database.db
      .transaction()
      .execute((trx) => editAndUpdate(trx, clock, OWNER, article, { slug: 'second-headline' }));
    const current = await lookUpReaderArticle(t.database.db, 'second-headline');
    const old = await lookUpReaderArticle(t.database.db, 'first-headline');
    expect(current).toMatchObject({ kind: 'published', viaRetiredSlug: false, article: { id: article.id } });
    expect(old).toMatchObject({
      kind: 'published',
      viaRetiredSlug: true,
      article: { slug: 'second-headline' },
    });
    expect(await lookUpReaderArticle(t.database.db, 'never-was')).toEqual({ kind: 'missing' });
  });
});
