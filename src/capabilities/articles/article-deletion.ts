import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { recordAuditEvent } from '../audit/index.js';
import { readSettings } from '../settings/index.js';
import { articlePath } from '../site/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import { queueWebhookEvent } from '../webhooks/index.js';
import { articlePageKeys } from './article-cache.js';
import { deleteArticleRow, insertTombstones } from './article-deletion-repository.js';
import { articleLive, articleScheduled, revisionConflict } from './article-errors.js';
import { presentArticle } from './article-presenter.js';
import { type Article, getArticle } from './article-queries.js';

/** What a deletion removed: the article's headline and the reader addresses that now answer 410. */
export interface DeletedArticle {
  id: string;
  headline: string;
  addresses: string[];
}

/**
 * A staff member deletes an article (editors and above), based on the revision they saw. Only what
 * readers cannot see goes: a published article must be unpublished first, a scheduled one
 * unscheduled first (both 409), so no reader finds a live page vanish without the newsroom deciding
 * to take it down. Recorded in the audit trail in the same transaction.
 */
export async function deleteArticle(
  trx: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  revision: number,
): Promise<DeletedArticle> {
  assertRole(actor, 'editor', 'delete articles');
  const article = await getArticle(trx, id);
  if (article.revision !== revision) {
    throw revisionConflict(revision, presentArticle(article), article.revision);
  }
  if (article.status === 'published') throw articleLive();
  if (article.status === 'scheduled') throw articleScheduled();
  const deleted = await removeArticle(trx, clock, article);
  await recordAuditEvent(trx, clock, actor, {
    action: 'article.deleted',
    subject: { kind: 'article', id },
    summary: article.headline,
    details: { slug: article.slug, status: article.status, addresses: deleted.addresses },
  });
  return deleted;
}

/**
 * Removes an article whatever its state: the row and, by cascade, its revisions, bylines, tags,
 * corrections, old slugs and front-page picks; the search index follows the row (a trigger on
 * SQLite, the row's own column on PostgreSQL). Every address readers knew it by is kept as a
 * tombstone (410), every page that showed it is purged, and `article.deleted` is queued for
 * integrators. The caller decides whether the article may go (`deleteArticle`, the demo removal).
 */
export async function removeArticle(trx: Db, clock: Clock, article: Article): Promise<DeletedArticle> {
  const { 'publication.timezone': timeZone } = await readSettings(trx);
  // A draft never published had no public address; one published once had its slug and old slugs.
  const addresses = article.firstPublishedAt
    ? [article.slug, ...article.previousSlugs].map((slug) =>
        articlePath({ slug, firstPublishedAt: article.firstPublishedAt }, timeZone),
      )
    : [];
  const keys = await articlePageKeys(trx, [article]);
  const at = isoTime(clock.now());
  await insertTombstones(
    trx,
    addresses.map((path) => ({ path, article_id: article.id, headline: article.headline, deleted_at: at })),
  );
  await deleteArticleRow(trx, article.id);
  await queuePurge(trx, clock, keys);
  await queueWebhookEvent(trx, clock, 'article.deleted', {
    article: { id: article.id, headline: article.headline },
  });
  return { id: article.id, headline: article.headline, addresses };
}
