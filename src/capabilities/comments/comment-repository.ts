import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { CommentTable, CommentThreadTable } from './comment-table.js';

export type ThreadRow = Selectable<CommentThreadTable>;
export type CommentRow = Selectable<CommentTable>;

/**
 * Counts one more change to an article's comments and returns the new count. Every write calls it first:
 * the upsert locks the article's row (PostgreSQL) or the database (SQLite) until the transaction ends, so
 * two writes to one article's comments never interleave (a reply cannot slip in while a thread is deleted).
 */
export async function bumpCommentVersion(db: Db, articleId: string, at: string): Promise<number> {
  const row = await db
    .insertInto('comment_versions')
    .values({ article_id: articleId, version: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column('article_id').doUpdateSet({ version: sql`comment_versions.version + 1`, updated_at: at }),
    )
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

export async function findCommentVersion(db: Db, articleId: string): Promise<number> {
  const row = await db
    .selectFrom('comment_versions')
    .select('version')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}

export async function listThreadRows(db: Db, articleId: string): Promise<ThreadRow[]> {
  return db
    .selectFrom('comment_threads')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('seq')
    .execute();
}

/** Comments of an article, or of one thread of it; oldest first. */
export async function listCommentRows(db: Db, articleId: string, threadId?: string): Promise<CommentRow[]> {
  let select = db.selectFrom('comments').selectAll().where('article_id', '=', articleId);
  if (threadId !== undefined) select = select.where('thread_id', '=', threadId);
  return select.orderBy('seq').execute();
}

export async function findThreadRow(db: Db, articleId: string, id: string): Promise<ThreadRow | undefined> {
  return db
    .selectFrom('comment_threads')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findCommentRow(db: Db, articleId: string, id: string): Promise<CommentRow | undefined> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertThread(db: Db, row: Insertable<CommentThreadTable>): Promise<void> {
  await db.insertInto('comment_threads').values(row).execute();
}

export async function insertComment(db: Db, row: Insertable<CommentTable>): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

export async function updateCommentRow(
  db: Db,
  id: string,
  patch: { text: string; mentions: string; edited_at: string },
): Promise<void> {
  await db.updateTable('comments').set(patch).where('id', '=', id).execute();
}

export async function setThreadResolved(
  db: Db,
  id: string,
  resolved: { at: string; by: string | null; name: string } | null,
): Promise<void> {
  await db
    .updateTable('comment_threads')
    .set({
      resolved_at: resolved?.at ?? null,
      resolved_by: resolved?.by ?? null,
      resolved_by_name: resolved?.name ?? null,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteCommentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/** The thread and, by cascade, its comments. */
export async function deleteThreadRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('comment_threads').where('id', '=', id).execute();
}
