import { TOP_STORIES, TOP_STORIES_LIST } from '../../capabilities/front-page/index.js';
import type { Db } from '../../platform/database/database.js';
import { LIST_COLUMNS, type ListedArticle, toListedArticles } from '../article-listing.js';

/**
 * The picks readers can see now, in the editors' order, as the cards' data. The picks first (a list
 * holds at most 12, in its primary key's order), then their articles by id: joined in one query,
 * SQLite's planner walked every published article and probed the picks for each, 3.6 s a front page
 * at a million articles (measured). A pick whose article is not published is skipped, so the next
 * moves up.
 */
export async function findLivePicks(db: Db, limit = TOP_STORIES): Promise<ListedArticle[]> {
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
  const live = picks.flatMap((p) => byId.get(p.article_id) ?? []).slice(0, limit);
  return toListedArticles(db, live);
}
