import type { Db } from '../../platform/database/database.js';
import { prepared } from '../../platform/database/prepared-statements.js';

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
  return prepared(articleQuery(db).where('articles.slug', '=', slug)).executeTakeFirst();
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

export interface ReaderTag {
  id: string;
  name: string;
  slug: string;
}

export async function findReaderTags(db: Db, articleId: string): Promise<ReaderTag[]> {
  return prepared(
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.id', 'tags.name', 'tags.slug'])
      .where('article_tags.article_id', '=', articleId)
      .orderBy('article_tags.position'),
  ).execute();
}

export interface ReaderCorrection {
  id: string;
  kind: string;
  text: string;
  published_at: string;
}

/** The public log, oldest first: a reader reads it as a history. Who made it stays in the newsroom. */
export async function findReaderCorrections(db: Db, articleId: string): Promise<ReaderCorrection[]> {
  return prepared(
    db
      .selectFrom('corrections')
      .select(['id', 'kind', 'text', 'published_at'])
      .where('article_id', '=', articleId)
      .orderBy('published_at')
      .orderBy('id'),
  ).execute();
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
 * Candidates for "related": the newest `limit` published articles of a section and of its tags
 * together, newest first. First only ids and times, in one UNION ALL query whose every part is one
 * walk down an index already in the wanted order that holds all it reads and stops after `limit`
 * rows: (section_id, status, published_at, id) on `articles` for the section, (tag_id,
 * published_at, article_id) on `article_tags` for a tag (its published_at is the article's while it
 * is published, null otherwise: migration 0014). Then the `limit` newest of those are read. Reading
 * each candidate's row instead cost a walk through its body's overflow pages to reach the times
 * stored after it, thirty-odd a page (0.3 ms at the median, 1.1 ms at p95, measured at 100,000).
 */
export async function findRelatedCandidates(
  db: Db,
  scope: RelatedScope,
  limit: number,
): Promise<RelatedRow[]> {
  const keys = (await relatedCandidatesQuery(db, scope, limit)?.execute()) ?? [];
  const ids = newestIds(keys, limit);
  if (ids.length === 0) return [];
  const rows = await prepared(
    db.selectFrom('articles').select(RELATED_COLUMNS).where('articles.id', 'in', ids),
  ).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

interface RelatedKey {
  id: string;
  published_at: string | null;
}

/** The ids of the `limit` newest keys, each once, newest first (ties by id, as every list orders). */
function newestIds(keys: RelatedKey[], limit: number): string[] {
  const newest = new Map<string, string>();
  for (const key of keys) if (key.published_at) newest.set(key.id, key.published_at);
  return [...newest]
    .sort(([idA, atA], [idB, atB]) =>
      atA === atB ? (idB < idA ? -1 : idB > idA ? 1 : 0) : atB < atA ? -1 : 1,
    )
    .slice(0, limit)
    .map(([id]) => id);
}

export interface RelatedScope {
  sectionId: string | null;
  tagIds: string[];
}

/** The keys query behind findRelatedCandidates (undefined when there is nothing to look for), for its plan. */
export function relatedCandidatesQuery(db: Db, scope: RelatedScope, limit: number) {
  const parts = [];
  if (scope.sectionId) {
    parts.push(
      db
        .selectFrom('articles')
        .select(['articles.id as id', 'articles.published_at as published_at'])
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
        .select(['article_tags.article_id as id', 'article_tags.published_at as published_at'])
        .where('article_tags.tag_id', '=', tagId)
        .where('article_tags.published_at', 'is not', null)
        .orderBy('article_tags.published_at', 'desc')
        .orderBy('article_tags.article_id', 'desc')
        .limit(limit),
    );
  }
  // Each part wrapped, so its ORDER BY and LIMIT are allowed inside a UNION on both databases.
  const [first, ...rest] = parts.map((part, i) => db.selectFrom(part.as(`p${i}`)).selectAll());
  return first && prepared(rest.reduce((query, part) => query.unionAll(part), first));
}
