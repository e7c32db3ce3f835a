import type { Db } from '../../platform/database/database.js';
import type { Actor } from '../staff/index.js';
import { checkRead } from './article.js';
import { forbidden } from './article-errors.js';
import { type Article, getArticle, rightsSubject } from './article-service.js';

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
