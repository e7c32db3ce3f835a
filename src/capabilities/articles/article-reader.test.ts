import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { createAuthor } from '../authors/index.js';
import { createSection } from '../sections/index.js';
import type { Actor } from '../staff/index.js';
import { lookUpReaderArticle } from './article-reader.js';
import {
  findNewestInSectionAndTags,
  findNewestPublishedAmong,
  sampleTaggedArticles,
} from './article-reader-repository.js';
import { type Article, createArticle, updateArticle } from './article-service.js';
import { runWorkflow } from './article-workflow.js';

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

  it('finds the same newest tagged articles whether a tag is walked (frequent) or fetched by id (rare)', async () => {
    const made: Article[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await write(`Tagged ${i}`, { tags: ['Europe'], section: sections[i % 2]?.id }));
    }
    const withdrawn = await write('Tagged but withdrawn', { tags: ['Europe'] });
    await t.database.db
      .transaction()
      .execute((trx) =>
        runWorkflow(trx, clock, OWNER, withdrawn.id, 'unpublish', { revision: withdrawn.revision }),
      );
    await write('Untagged', {});
    await write('Tagged draft', { tags: ['Europe'] }, false);
    const tagId = made[0]?.tags[0]?.id as string;

    const db = t.database.db;
    const samples = await sampleTaggedArticles(db, [tagId], 100);
    expect(samples.get(tagId)).toHaveLength(7);
    expect(await sampleTaggedArticles(db, [tagId], 2)).toEqual(new Map([[tagId, expect.any(Array)]]));
    expect((await sampleTaggedArticles(db, [tagId], 2)).get(tagId)).toHaveLength(2);

    const expected = ['Tagged 4', 'Tagged 3', 'Tagged 2'];
    const walked = await findNewestInSectionAndTags(db, { sectionId: null, frequentTagIds: [tagId] }, 3);
    const fetched = await findNewestPublishedAmong(db, samples.get(tagId) ?? [], 3);
    expect(walked.map((r) => r.headline)).toEqual(expected);
    expect(fetched.map((r) => r.headline)).toEqual(expected);
    // The section part lists the section's newest published articles.
    const section = await findNewestInSectionAndTags(
      db,
      { sectionId: sections[1]?.id ?? null, frequentTagIds: [] },
      5,
    );
    expect(section.map((r) => r.headline)).toEqual(['Tagged 3', 'Tagged 1']);
    expect(await findNewestPublishedAmong(db, [], 3)).toEqual([]);
  });

  it('looks an article up by its current slug, an old slug, and says which', async () => {
    const article = await write('First headline', { slug: 'first-headline' });
    await t.database.db
      .transaction()
      .execute((trx) =>
        updateArticle(trx, clock, OWNER, article.id, article.revision, { slug: 'second-headline' }),
      );
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
