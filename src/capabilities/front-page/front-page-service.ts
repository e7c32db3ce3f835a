import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import type { ArticleStatus } from '../articles/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import { queueWebhookEvent } from '../webhooks/index.js';
import { checkPicks, checkPicksExist, picksShown, TOP_STORIES_LIST } from './front-page.js';
import { frontPageConflict, frontPageInvalid } from './front-page-errors.js';
import { presentFrontPage } from './front-page-presenter.js';
import {
  bumpRevision,
  findExistingArticleIds,
  findList,
  findPicks,
  replacePicks,
} from './front-page-repository.js';

export interface FrontPagePick {
  articleId: string;
  headline: string;
  status: ArticleStatus;
  publishedAt: string | null;
  scheduledAt: string | null;
  /** Published and among the first live picks: on the front page now. */
  showsNow: boolean;
}

/** The top stories as the desk arranged them. */
export interface FrontPage {
  revision: number;
  updatedAt: string | null;
  updatedBy: { staffId: string | null; name: string } | null;
  picks: FrontPagePick[];
}

export async function getFrontPage(db: Db): Promise<FrontPage> {
  const [list, rows] = await Promise.all([findList(db, TOP_STORIES_LIST), findPicks(db, TOP_STORIES_LIST)]);
  // Migration 0015 makes the row; its absence means the database was changed by hand.
  if (!list) throw new Error(`The front page list "${TOP_STORIES_LIST}" is missing`);
  const shown = picksShown(rows.map((r) => ({ live: r.status === 'published' })));
  return {
    revision: list.revision,
    updatedAt: list.updated_at,
    updatedBy:
      list.updated_by_name === null
        ? null
        : { staffId: list.updated_by_staff_id, name: list.updated_by_name },
    picks: rows.map((row, i) => ({
      articleId: row.article_id,
      headline: row.headline,
      status: row.status as ArticleStatus,
      publishedAt: row.published_at,
      scheduledAt: row.scheduled_at,
      showsNow: shown[i] ?? false,
    })),
  };
}

/**
 * Saves the top stories' order, based on the revision the editor saw. Editors and above; a stale
 * revision is a 409 with the list as it is now; a bad list is a 400 naming the place. The home page
 * is purged in the same transaction, so the new order is what the next reader gets.
 */
export async function arrangeFrontPage(
  trx: Db,
  clock: Clock,
  actor: Actor,
  input: { revision: number; articleIds: readonly string[] },
): Promise<FrontPage> {
  assertRole(actor, 'editor', 'arrange the front page');
  const current = await getFrontPage(trx);
  const conflict = async () => {
    const now = await getFrontPage(trx);
    return frontPageConflict(input.revision, input.articleIds, presentFrontPage(now), now.revision);
  };
  if (current.revision !== input.revision) throw await conflict();
  const shape = checkPicks(input.articleIds);
  if (!shape.ok) throw frontPageInvalid(shape.message, shape.index);
  const found = checkPicksExist(input.articleIds, await findExistingArticleIds(trx, input.articleIds));
  if (!found.ok) throw frontPageInvalid(found.message, found.index);
  // The same order again changes nothing: no new revision, nothing for readers to see.
  if (sameOrder(current.picks, input.articleIds)) return current;
  const saved = await bumpRevision(trx, TOP_STORIES_LIST, input.revision, {
    at: isoTime(clock.now()),
    staffId: actor.staffId,
    name: actor.name,
  });
  if (!saved) throw await conflict();
  await replacePicks(trx, TOP_STORIES_LIST, input.articleIds);
  await queuePurge(trx, clock, [CacheKey.home]);
  await queueWebhookEvent(trx, clock, 'front_page.updated', {
    revision: input.revision + 1,
    articleIds: [...input.articleIds],
  });
  return getFrontPage(trx);
}

function sameOrder(picks: readonly FrontPagePick[], articleIds: readonly string[]): boolean {
  return picks.length === articleIds.length && picks.every((p, i) => p.articleId === articleIds[i]);
}
