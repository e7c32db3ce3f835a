import { TOP_STORIES, TOP_STORIES_LIST } from '../../capabilities/front-page/index.js';
import type { Db } from '../../platform/database/database.js';
import { LIST_COLUMNS, type ListRow } from '../article-listing.js';

/**
 * The rows of the picks readers can see now, in the editors' order. The picks first (a list
 * holds at most 12, in its primary key's order), then their articles by id: joined in one query,
 * SQLite's planner walked every published article and probed the picks for each, 3.6 s a front page
 * at a million articles (measured). A pick whose article is not published is skipped, so the next
 * moves up.
 */
export async function findLivePickRows(db: Db, limit = TOP_STORIES): Promise<ListRow[]> {
  const picks = await db
    .selectFrom('front_page_picks')
    .select('article_id')
    .where('list_id', '=', TOP_STORIES_LIST)
    .orderBy('position')
    .execute();
  if (picks.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select(LIST_COLUMNS)
    .where(
      'articles.id',
      'in',
      picks.map((p) => p.article_id),
    )
    .where('articles.status', '=', 'published')
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return picks.flatMap((p) => byId.get(p.article_id) ?? []).slice(0, limit);
}
