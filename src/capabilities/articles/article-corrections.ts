import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import type { Actor } from '../staff/index.js';
import { queueWebhookEvent } from '../webhooks/index.js';
import type { CorrectionKind } from './article.js';
import { queueArticlePurge } from './article-cache.js';
import { workflowRefused } from './article-errors.js';
import { type Article, getArticle } from './article-queries.js';
import { insertCorrection } from './article-repository.js';
import { assertRight } from './article-service.js';
import { webhookData } from './article-workflow.js';

/**
 * Appends a dated correction or clarification to a published article. Corrections are never edited
 * or deleted (there is no route for it); each one moves the article's public modified time.
 */
export async function addCorrection(
  trx: Db,
  clock: Clock,
  actor: Actor,
  articleId: string,
  input: { kind: CorrectionKind; text: string },
): Promise<Article> {
  const article = await getArticle(trx, articleId);
  assertRight(actor, article, 'correct');
  if (!article.firstPublishedAt) {
    throw workflowRefused('Only a published article can be corrected; fix a draft by editing it.');
  }
  const at = isoTime(clock.now());
  await insertCorrection(trx, {
    id: newId(clock.now().getTime()),
    article_id: articleId,
    kind: input.kind,
    text: input.text.trim(),
    published_at: at,
    staff_id: actor.staffId,
    actor_name: actor.name,
  });
  await trx.updateTable('articles').set({ modified_at: at }).where('id', '=', articleId).execute();
  const corrected = await getArticle(trx, articleId);
  await queueArticlePurge(trx, clock, article, corrected);
  await queueWebhookEvent(trx, clock, 'article.corrected', {
    ...webhookData(corrected),
    correction: { kind: input.kind, text: input.text.trim(), publishedAt: at },
  });
  return corrected;
}
