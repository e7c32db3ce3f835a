import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { findArticleIdsTagged } from './tag-repository.js';

/**
 * Queues the purge of every page that names these tags: their own pages, the pages of the articles
 * carrying them (their tag links) and the feeds (tags are the items' categories). Call it before the
 * articles move away from a tag, so their pages are found.
 */
export async function queueTagPurge(db: Db, clock: Clock, tagIds: readonly string[]): Promise<void> {
  const keys: string[] = [CacheKey.feeds];
  for (const id of tagIds) {
    keys.push(CacheKey.tag(id));
    for (const articleId of await findArticleIdsTagged(db, id)) keys.push(CacheKey.article(articleId));
  }
  await queuePurge(db, clock, keys);
}
