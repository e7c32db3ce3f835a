import type { Db } from '../../platform/database/database.js';

/**
 * Queries behind the reader's article page. Kept apart from the newsroom's repository because a
 * reader never needs revisions, staff ids or the plain-text body, and each query here is shaped for
 * one page view: the article with its section in one row, then bylines, tags, corrections and the
 * related list, one query each, whatever their length.
 */

export interface ReaderArticleRow {
  id: string;
  slug: string;
  status: string;
  headline: string;
  dek: string;
  dateline: string;
  body: string;
  access: string;
  lead_image: string | null;
  seo_headline: string;
  seo_description: string;
  byline_suffix: string;
  first_published_at: string | null;
  published_at: string | null;
  modified_at: string | null;
  section_id: string | null;
  section_name: string | null;
  section_path: string | null;
}

function articleQuery(db: Db) {
  return db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.status',
      'articles.headline',
      'articles.dek',
      'articles.dateline',
      'articles.body',
      'articles.access',
      'articles.lead_image',
      'articles.seo_headline',
      'articles.seo_description',
      'articles.byline_suffix',
      'articles.first_published_at',
      'articles.published_at',
      'articles.modified_at',
      'articles.section_id',
      'sections.name as section_name',
      'sections.path as section_path',
    ]);
}

/** The article whose current slug this is, whatever its status (the caller decides what readers see). */
export async function findArticleRowBySlug(db: Db, slug: string): Promise<ReaderArticleRow | undefined> {
  return articleQuery(db).where('articles.slug', '=', slug).executeTakeFirst();
}

/** The article that once had this slug and has since been renamed. */
export async function findArticleRowByRetiredSlug(
  db: Db,
  slug: string,
): Promise<ReaderArticleRow | undefined> {
  return articleQuery(db)
    .innerJoin('article_slugs', 'article_slugs.article_id', 'articles.id')
    .where('article_slugs.slug', '=', slug)
    .executeTakeFirst();
}

export interface ReaderByline {
  id: string;
  name: string;
  slug: string;
  affiliation: string | null;
}

/** The byline in its printed order, with what JSON-LD says about each author. */
export async function findReaderBylines(db: Db, articleId: string): Promise<ReaderByline[]> {
  return db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['authors.id', 'authors.name', 'authors.slug', 'authors.affiliation'])
    .where('article_authors.article_id', '=', articleId)
    .orderBy('article_authors.position')
    .execute();
}

export interface ReaderTag {
  id: string;
  name: string;
  slug: string;
}

export async function findReaderTags(db: Db, articleId: string): Promise<ReaderTag[]> {
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.name', 'tags.slug'])
    .where('article_tags.article_id', '=', articleId)
    .orderBy('article_tags.position')
    .execute();
}

export interface ReaderCorrection {
  id: string;
  kind: string;
  text: string;
  published_at: string;
}

/** The public log, oldest first: a reader reads it as a history. Who made it stays in the newsroom. */
export async function findReaderCorrections(db: Db, articleId: string): Promise<ReaderCorrection[]> {
  return db
    .selectFrom('corrections')
    .select(['id', 'kind', 'text', 'published_at'])
    .where('article_id', '=', articleId)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}

export interface RelatedRow {
  id: string;
  slug: string;
  headline: string;
  first_published_at: string | null;
  published_at: string | null;
}

const RELATED_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.first_published_at',
  'articles.published_at',
] as const;

/**
 * Candidates for "related": the newest `limit` published articles of a section and of each tag, in
 * one UNION ALL query, newest first within each part, in no order overall. Every part is one walk
 * down an index that is already in the wanted order, and stops after `limit` rows, whatever the
 * size of the archive or the tag: (section_id, status, published_at) on `articles` for the section,
 * (tag_id, published_at, article_id) on `article_tags` for a tag (its published_at is null unless
 * the article is published: migration 0014).
 */
export async function findRelatedCandidates(
  db: Db,
  scope: RelatedScope,
  limit: number,
): Promise<RelatedRow[]> {
  return (await relatedCandidatesQuery(db, scope, limit)?.execute()) ?? [];
}

export interface RelatedScope {
  sectionId: string | null;
  tagIds: string[];
}

/** The query behind findRelatedCandidates (undefined when there is nothing to look for), for its plan. */
export function relatedCandidatesQuery(db: Db, scope: RelatedScope, limit: number) {
  const parts = [];
  if (scope.sectionId) {
    parts.push(
      db
        .selectFrom('articles')
        .select(RELATED_COLUMNS)
        .where('articles.status', '=', 'published')
        .where('articles.section_id', '=', scope.sectionId)
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit),
    );
  }
  for (const tagId of scope.tagIds) {
    parts.push(
      db
        .selectFrom('article_tags')
        .innerJoin('articles', 'articles.id', 'article_tags.article_id')
        .select(RELATED_COLUMNS)
        .where('article_tags.tag_id', '=', tagId)
        .where('article_tags.published_at', 'is not', null)
        .orderBy('article_tags.published_at', 'desc')
        .orderBy('article_tags.article_id', 'desc')
        .limit(limit),
    );
  }
  // Each part wrapped, so its ORDER BY and LIMIT are allowed inside a UNION on both databases.
  const [first, ...rest] = parts.map((part, i) => db.selectFrom(part.as(`p${i}`)).selectAll());
  return first && rest.reduce((query, part) => query.unionAll(part), first);
}
