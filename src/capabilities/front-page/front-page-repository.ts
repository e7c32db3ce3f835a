import type { Db } from '../../platform/database/database.js';

/** The list's own row: its revision and who saved it last. */
export async function findList(db: Db, listId: string) {
  return db
    .selectFrom('front_page_lists')
    .select(['revision', 'updated_at', 'updated_by_staff_id', 'updated_by_name'])
    .where('id', '=', listId)
    .executeTakeFirst();
}

/** A list's picks in order, with what the desk needs to see of each article, whatever its status. */
export async function findPicks(db: Db, listId: string) {
  return db
    .selectFrom('front_page_picks')
    .innerJoin('articles', 'articles.id', 'front_page_picks.article_id')
    .select([
      'front_page_picks.article_id',
      'articles.headline',
      'articles.status',
      'articles.published_at',
      'articles.scheduled_at',
    ])
    .where('front_page_picks.list_id', '=', listId)
    .orderBy('front_page_picks.position')
    .execute();
}

/** Which of these ids are articles. */
export async function findExistingArticleIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Moves the list to the next revision if it is still at `expected`: the compare-and-set that makes
 * a save based on a stale list fail instead of overwriting it. False when someone saved first.
 */
export async function bumpRevision(
  db: Db,
  listId: string,
  expected: number,
  by: { at: string; staffId: string | null; name: string },
): Promise<boolean> {
  const result = await db
    .updateTable('front_page_lists')
    .set({
      revision: expected + 1,
      updated_at: by.at,
      updated_by_staff_id: by.staffId,
      updated_by_name: by.name,
    })
    .where('id', '=', listId)
    .where('revision', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replacePicks(db: Db, listId: string, articleIds: readonly string[]): Promise<void> {
  await db.deleteFrom('front_page_picks').where('list_id', '=', listId).execute();
  if (articleIds.length === 0) return;
  await db
    .insertInto('front_page_picks')
    .values(articleIds.map((article_id, position) => ({ list_id: listId, position, article_id })))
    .execute();
}
