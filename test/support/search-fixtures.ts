import { type Article, createArticle, runWorkflow } from '../../src/capabilities/articles/index.js';
import { findOrCreateGuestAuthors } from '../../src/capabilities/authors/index.js';
import { createSection, type Section } from '../../src/capabilities/sections/index.js';
import type { Actor } from '../../src/capabilities/staff/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/database/database.js';
import { inTransaction } from '../../src/platform/database/transaction.js';
import { editAndUpdate } from './article-edits.js';

/**
 * Test data for the search tests, made through the real article services, so the index sees
 * exactly what the newsroom writes (and the triggers or generated column do the indexing).
 * Not used by the running app.
 */

const EDITOR: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };

export function addSection(
  db: Db,
  clock: Clock,
  input: { name: string; parentId?: string },
): Promise<Section> {
  return inTransaction(db, (trx) => createSection(trx, clock, EDITOR, input));
}

export interface SearchTestArticle {
  headline: string;
  /** Needed when the headline has no Latin letters to make one from. */
  slug?: string;
  dek?: string;
  /** Markdown. */
  body?: string;
  /** A section id or path. */
  section: string;
  /** Guest author names, created when new. */
  authors?: string[];
  draft?: boolean;
}

/** Creates an article and publishes it at the clock's time, unless `draft`. */
export function addArticle(db: Db, clock: Clock, input: SearchTestArticle): Promise<Article> {
  return inTransaction(db, async (trx) => {
    const authors = await findOrCreateGuestAuthors(trx, clock, input.authors ?? ['Ada Reporter']);
    const draft = await createArticle(trx, clock, EDITOR, {
      headline: input.headline,
      dek: input.dek ?? '',
      ...(input.slug ? { slug: input.slug } : {}),
      section: input.section,
      authorIds: authors.map((a) => a.id),
      bodyMarkdown: input.body ?? `Filler text for ${input.headline}.`,
      // Always free: these tests are about finding words, and every word of a free body is searchable.
      // What the wall keeps out of search is tested in search-wall.test.ts.
      access: 'free',
    });
    if (input.draft) return draft;
    return runWorkflow(trx, clock, EDITOR, draft.id, 'publish', { revision: draft.revision });
  });
}

export function editArticle(
  db: Db,
  clock: Clock,
  article: Article,
  changes: { headline?: string; dek?: string; bodyMarkdown?: string; section?: string; authorIds?: string[] },
): Promise<Article> {
  return inTransaction(db, async (trx) => editAndUpdate(trx, clock, EDITOR, article, changes));
}

export function unpublish(db: Db, clock: Clock, article: Article): Promise<Article> {
  return inTransaction(db, (trx) =>
    runWorkflow(trx, clock, EDITOR, article.id, 'unpublish', { revision: article.revision }),
  );
}

export function publish(db: Db, clock: Clock, article: Article): Promise<Article> {
  return inTransaction(db, (trx) =>
    runWorkflow(trx, clock, EDITOR, article.id, 'publish', { revision: article.revision }),
  );
}
