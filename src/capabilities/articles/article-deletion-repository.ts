import type { Db } from '../../platform/database/database.js';

/** Records the reader addresses of an article being deleted; a later deletion at the same address wins. */
export async function insertTombstones(
  db: Db,
  rows: { path: string; article_id: string; headline: string; deleted_at: string }[],
): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('article_tombstones')
      .values(row)
      .onConflict((oc) =>
        oc.column('path').doUpdateSet({
          article_id: row.article_id,
          headline: row.headline,
          deleted_at: row.deleted_at,
        }),
      )
      .execute();
  }
}

/** Whether a deleted article once lived at this address (as `articlePath` writes it). */
export async function isTombstone(db: Db, path: string): Promise<boolean> {
  const row = await db
    .selectFrom('article_tombstones')
    .select('path')
    .where('path', '=', path)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes the article row; its revisions, bylines, tags, corrections, old slugs, picks and comments go by cascade. */
export async function deleteArticleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}
