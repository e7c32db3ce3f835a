import { type Article, createArticle, runWorkflow } from '../../src/capabilities/articles/index.js';
import { findOrCreateGuestAuthors } from '../../src/capabilities/authors/index.js';
import { createSection, type Section } from '../../src/capabilities/sections/index.js';
import type { Actor } from '../../src/capabilities/staff/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/database/database.js';
import { inTransaction } from '../../src/platform/database/transaction.js';

/**
 * Test data for the reader pages' tests, made through the real services, so lists see exactly
 * what the newsroom would have written. Not used by the running app.
 */

export const TEST_EDITOR: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };

export function addSection(
  db: Db,
  clock: Clock,
  input: { name: string; slug?: string; parentId?: string; description?: string; position?: number },
): Promise<Section> {
  return inTransaction(db, (trx) => createSection(trx, clock, TEST_EDITOR, input));
}

export interface NewTestArticle {
  headline: string;
  /** A section id or path. */
  section: string;
  dek?: string;
  /** Guest author names; created when new. */
  authors?: string[];
  authorIds?: string[];
  tags?: string[];
  /** Leave as a draft instead of publishing. */
  draft?: boolean;
}

/** Creates an article and publishes it at the clock's current time (unless `draft`). */
export function addArticle(db: Db, clock: Clock, input: NewTestArticle): Promise<Article> {
  return inTransaction(db, async (trx) => {
    const authorIds =
      input.authorIds ??
      (await findOrCreateGuestAuthors(trx, clock, input.authors ?? ['Ada Reporter'])).map((a) => a.id);
    const draft = await createArticle(trx, clock, TEST_EDITOR, {
      headline: input.headline,
      dek: input.dek ?? '',
      section: input.section,
      tags: input.tags ?? [],
      authorIds,
      bodyMarkdown: `The body of "${input.headline}", long enough to publish.`,
    });
    if (input.draft) return draft;
    return runWorkflow(trx, clock, TEST_EDITOR, draft.id, 'publish', { revision: draft.revision });
  });
}

/**
 * Publishes `count` articles one minute apart (oldest first), headlines "<prefix> 1" to
 * "<prefix> count", so the newest carries the highest number.
 */
export async function addArticles(
  db: Db,
  clock: Clock & { advance(ms: number): void },
  count: number,
  input: Omit<NewTestArticle, 'headline'> & { prefix: string },
): Promise<Article[]> {
  const made: Article[] = [];
  for (let i = 1; i <= count; i++) {
    clock.advance(60_000);
    made.push(await addArticle(db, clock, { ...input, headline: `${input.prefix} ${i}` }));
  }
  return made;
}
