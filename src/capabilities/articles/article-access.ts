import type { Db } from '../../platform/database/database.js';
import type { Actor } from '../staff/index.js';
import { type ArticleStatus, checkRead, checkRight, type RightsSubject } from './article.js';
import { forbidden } from './article-errors.js';
import { type Article, getArticle } from './article-queries.js';
import { findArticleRow, findBylines } from './article-repository.js';
import { rightsSubject } from './article-service.js';

/**
 * An article for a staff member who may read it (ADR 0014): 404 ARTICLE_NOT_FOUND when there is
 * none, 403 FORBIDDEN when the read rule refuses. Every newsroom route that shows an article's text,
 * history or diff goes through here.
 */
export async function getReadableArticle(db: Db, actor: Actor, id: string): Promise<Article> {
  const article = await getArticle(db, id);
  const check = checkRead(actor, rightsSubject(article));
  if (!check.ok) throw forbidden(check.message);
  return article;
}

/**
 * What a staff member may do in an article's live document (ADR 0031): whoever may read it may watch it,
 * and whoever may save it (the right to edit; a live article's save is staged) may type in it.
 */
export function checkLiveEditing(
  actor: Actor,
  article: Article,
): { ok: true; readOnly: boolean } | { ok: false; message: string } {
  const subject = rightsSubject(article);
  const read = checkRead(actor, subject);
  if (!read.ok) return read;
  return { ok: true, readOnly: !checkRight(actor, subject, 'edit').ok };
}

/** Of these article ids, the ones the actor may read (for lists that name other capabilities' articles). */
export async function readableArticleIds(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const subjects = await rightsSubjectsOf(db, ids);
  return new Set([...subjects].filter(([, s]) => checkRead(actor, s).ok).map(([id]) => id));
}

/** What the rights rules need of each article that still exists, by id. */
export async function rightsSubjectsOf(db: Db, ids: readonly string[]): Promise<Map<string, RightsSubject>> {
  const unique = [...new Set(ids)];
  const bylines = await findBylines(db, unique);
  const subjects = new Map<string, RightsSubject>();
  for (const id of unique) {
    const row = await findArticleRow(db, id);
    if (!row) continue;
    subjects.set(id, {
      status: row.status as ArticleStatus,
      createdBy: row.created_by,
      authorStaffIds: (bylines.get(id) ?? []).flatMap((a) => (a.staff_id ? [a.staff_id] : [])),
    });
  }
  return subjects;
}
