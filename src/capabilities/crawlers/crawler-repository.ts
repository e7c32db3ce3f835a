/** Reader-side queries for oEmbed: published articles only. */
import type { Db } from '../../platform/database/database.js';

export interface EmbedArticleRow {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  section_id: string | null;
  first_published_at: string | null;
}

const COLUMNS = ['id', 'slug', 'headline', 'dek', 'section_id', 'first_published_at'] as const;

/** The published article with this slug, or the one that had it before a rename. */
export async function findPublishedArticleBySlug(db: Db, slug: string): Promise<EmbedArticleRow | undefined> {
  const current = await db
    .selectFrom('articles')
    .select(COLUMNS)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (current) return current;
  return db
    .selectFrom('article_slugs')
    .innerJoin('articles', 'articles.id', 'article_slugs.article_id')
    .select(COLUMNS.map((column) => `articles.${column}` as const))
    .where('article_slugs.slug', '=', slug)
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
}

export async function findBylineOf(
  db: Db,
  articleId: string,
): Promise<{ id: string; name: string; slug: string }[]> {
  return db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['authors.id', 'authors.name', 'authors.slug'])
    .where('article_authors.article_id', '=', articleId)
    .orderBy('article_authors.position')
    .execute();
}
