import { sql } from 'kysely';
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
 * Up to `cap` article ids for each tag, in no particular order, in one UNION ALL query through the
 * tag index: a cheap probe that tells a rare tag (all of its articles fit under the cap) from a
 * frequent one, and hands over the rare tags' articles outright.
 */
export async function sampleTaggedArticles(
  db: Db,
  tagIds: string[],
  cap: number,
): Promise<Map<string, string[]>> {
  const parts = tagIds.map((tagId, i) =>
    db
      .selectFrom(
        db
          .selectFrom('article_tags')
          .select(['article_tags.tag_id', 'article_tags.article_id'])
          .where('article_tags.tag_id', '=', tagId)
          .limit(cap)
          .as(`t${i}`),
      )
      .selectAll(),
  );
  const samples = new Map<string, string[]>(tagIds.map((id) => [id, []]));
  const [first, ...rest] = parts;
  if (!first) return samples;
  const rows = await rest.reduce((query, part) => query.unionAll(part), first).execute();
  for (const row of rows) samples.get(row.tag_id)?.push(row.article_id);
  return samples;
}

/** The newest published articles among known ids (the articles of rare tags), by primary key. */
export async function findNewestPublishedAmong(db: Db, ids: string[], limit: number): Promise<RelatedRow[]> {
  if (ids.length === 0) return [];
  return (
    db
      .selectFrom('articles')
      .select(RELATED_COLUMNS)
      .where('articles.id', 'in', ids)
      // coalesce() hides status from SQLite's planner: otherwise, to avoid sorting a handful of rows,
      // it walks the (status, published_at) index across the whole archive looking for these ids.
      .where((eb) => eb(eb.fn.coalesce('articles.status', sql.lit('')), '=', 'published'))
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute()
  );
}

/**
 * The newest published articles of a section and of frequent tags, in one UNION ALL query. Each
 * part takes only `limit` rows. The section part runs on the (section_id, status, published_at)
 * index. A tag part walks the newest articles and keeps those with the tag, which ends quickly only
 * when the tag is common; rare tags must go through `findNewestPublishedAmong` instead, or the walk
 * would cross the whole archive.
 */
export async function findNewestInSectionAndTags(
  db: Db,
  scope: { sectionId: string | null; frequentTagIds: string[] },
  limit: number,
): Promise<RelatedRow[]> {
  const parts = [];
  if (scope.sectionId) {
    const sectionId = scope.sectionId;
    parts.push(
      db
        .selectFrom(
          db
            .selectFrom('articles')
            .select(RELATED_COLUMNS)
            .where('articles.status', '=', 'published')
            .where('articles.section_id', '=', sectionId)
            .orderBy('articles.published_at', 'desc')
            .orderBy('articles.id', 'desc')
            .limit(limit)
            .as('s'),
        )
        .selectAll(),
    );
  }
  scope.frequentTagIds.forEach((tagId, i) => {
    parts.push(
      db
        .selectFrom(
          db
            .selectFrom('articles')
            .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
            .select(RELATED_COLUMNS)
            .where('article_tags.tag_id', '=', tagId)
            .where('articles.status', '=', 'published')
            .orderBy('articles.published_at', 'desc')
            .orderBy('articles.id', 'desc')
            .limit(limit)
            .as(`t${i}`),
        )
        .selectAll(),
    );
  });
  const [first, ...rest] = parts;
  if (!first) return [];
  return rest.reduce((query, part) => query.unionAll(part), first).execute();
}
