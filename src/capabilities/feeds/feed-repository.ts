/**
 * Reader-side queries for feeds: published articles only, a handful of queries per feed whatever
 * its length (bylines, tags and sections are fetched for the whole list at once).
 */
import type { Db } from '../../platform/database/database.js';

export interface FeedArticleRow {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  dateline: string;
  body: string;
  access: string;
  section_id: string | null;
  first_published_at: string | null;
  published_at: string | null;
  modified_at: string | null;
  lead_image: string | null;
}

export interface SectionRef {
  id: string;
  name: string;
  path: string;
  description: string;
}

export interface AuthorRef {
  id: string;
  name: string;
  slug: string;
  bio: string;
}

export interface TagRef {
  id: string;
  name: string;
  slug: string;
}

/** The section at `path` and every section below it, the section itself first; [] if unknown. */
export async function findSectionWithSubsections(db: Db, path: string): Promise<SectionRef[]> {
  // `path` is made of checked slugs ([a-z0-9-]), so it holds no LIKE wildcards.
  const rows = await db
    .selectFrom('sections')
    .select(['id', 'name', 'path', 'description'])
    .where((eb) => eb.or([eb('path', '=', path), eb('path', 'like', `${path}/%`)]))
    .orderBy('path')
    .execute();
  return rows[0]?.path === path ? rows : [];
}

export async function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRef | undefined> {
  return db
    .selectFrom('authors')
    .select(['id', 'name', 'slug', 'bio'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/**
 * The newest published articles, optionally only in some sections or by one author. The ids are
 * found first, reading only index columns, so a prolific author's archive is never read in full
 * (bodies included) just to be sorted.
 */
export async function findNewestArticles(
  db: Db,
  scope: { sectionIds?: string[]; authorId?: string },
  limit: number,
): Promise<FeedArticleRow[]> {
  let newest = db.selectFrom('articles').select('articles.id').where('articles.status', '=', 'published');
  if (scope.sectionIds) {
    if (scope.sectionIds.length === 0) return [];
    newest = newest.where('articles.section_id', 'in', scope.sectionIds);
  }
  if (scope.authorId) {
    newest = newest
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .where('article_authors.author_id', '=', scope.authorId);
  }
  const ids = (
    await newest
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute()
  ).map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .select([
      'id',
      'slug',
      'headline',
      'dek',
      'dateline',
      'body',
      'access',
      'section_id',
      'first_published_at',
      'published_at',
      'modified_at',
      'lead_image',
    ])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Tags of many articles in one query, in the order the editor gave them. */
export async function findTags(db: Db, articleIds: string[]): Promise<Map<string, TagRef[]>> {
  const map = new Map<string, TagRef[]>();
  if (articleIds.length === 0) return map;
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.name', 'tags.slug'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .execute();
  for (const { article_id, ...tag } of rows) {
    const list = map.get(article_id) ?? [];
    list.push(tag);
    map.set(article_id, list);
  }
  return map;
}

export async function findSections(db: Db, ids: string[]): Promise<Map<string, SectionRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sections')
    .select(['id', 'name', 'path', 'description'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export interface CorrectionFeedRow {
  id: string;
  kind: string;
  text: string;
  published_at: string;
  article_id: string;
  slug: string;
  headline: string;
  first_published_at: string | null;
}

/**
 * The newest corrections and clarifications on articles that are still published. Walks the
 * corrections by time (corrections_published) and checks each article, rather than joining, so the
 * planner cannot start from the whole archive of published articles.
 */
export async function findNewestCorrections(db: Db, limit: number): Promise<CorrectionFeedRow[]> {
  const corrections = await db
    .selectFrom('corrections')
    .select(['id', 'kind', 'text', 'published_at', 'article_id'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('articles')
          .select(eb.lit(1).as('one'))
          .whereRef('articles.id', '=', 'corrections.article_id')
          .where('articles.status', '=', 'published'),
      ),
    )
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (corrections.length === 0) return [];
  const articles = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'first_published_at'])
    .where('id', 'in', [...new Set(corrections.map((c) => c.article_id))])
    .execute();
  const byId = new Map(articles.map((a) => [a.id, a]));
  return corrections.flatMap((c) => {
    const article = byId.get(c.article_id);
    return article
      ? [
          {
            ...c,
            slug: article.slug,
            headline: article.headline,
            first_published_at: article.first_published_at,
          },
        ]
      : [];
  });
}
