import { type Article, runWorkflow, updateArticle } from '../../src/capabilities/articles/index.js';
import type { Actor } from '../../src/capabilities/staff/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/database/database.js';

/**
 * Edits an article as the newsroom does and, when it is live, presses Update: a published article's
 * save is only staged (ADR 0017), so a test of what readers see after an edit takes both steps.
 */
export async function editAndUpdate(
  trx: Db,
  clock: Clock,
  actor: Actor,
  article: Pick<Article, 'id' | 'revision'>,
  fields: Parameters<typeof updateArticle>[5],
): Promise<Article> {
  const { article: saved } = await updateArticle(trx, clock, actor, article.id, article.revision, fields);
  if (!saved.staged) return saved;
  return runWorkflow(trx, clock, actor, saved.id, 'update', { revision: saved.revision });
}
