import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { prepared } from '../../platform/database/prepared-statements.js';
import { slugify } from '../../platform/slug.js';
import type { ArticleRevisionTable, ArticleTable, CorrectionTable } from './article-table.js';

export type ArticleRow = Selectable<ArticleTable>;
export type RevisionRow = Selectable<ArticleRevisionTable>;
export type CorrectionRow = Selectable<CorrectionTable>;

/** An author as a byline shows them: every list, feed, search result and article page reads this one shape. */
export interface BylineRow {
  id: string;
  name: string;
  slug: string;
  staff_id: string | null;
  affiliation: string | null;
  bio: string;
}

export async function findArticleRow(db: Db, id: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findArticleIdBySlug(db: Db, slug: string): Promise<string | undefined> {
  const row = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id;
}

export async function findRetiredSlug(db: Db, slug: string): Promise<{ article_id: string } | undefined> {
  return db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug).executeTakeFirst();
}

/** The bylines of many articles in one query, each in its printed order: the one bylines query. */
export async function findBylines(db: Db, articleIds: string[]): Promise<Map<string, BylineRow[]>> {
  const map = new Map<string, BylineRow[]>();
  if (articleIds.length === 0) return map;
  // A lookup by key: prepared on PostgreSQL (ADR 0039).
  const rows = await prepared(
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select([
        'article_authors.article_id',
        'authors.id',
        'authors.name',
        'authors.slug',
        'authors.staff_id',
        'authors.affiliation',
        'authors.bio',
      ])
      .where('article_authors.article_id', 'in', articleIds)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position'),
  ).execute();
  for (const { article_id, ...byline } of rows) {
    const list = map.get(article_id) ?? [];
    list.push(byline);
    map.set(article_id, list);
  }
  return map;
}

/** A staged version's byline: its authors as a byline shows them, in its order (ADR 0017). */
export async function findStagedAuthors(db: Db, authorIds: string[]): Promise<BylineRow[]> {
  if (authorIds.length === 0) return [];
  const rows = await db
    .selectFrom('authors')
    .select(['id', 'name', 'slug', 'staff_id', 'affiliation', 'bio'])
    .where('id', 'in', authorIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return authorIds.flatMap((id) => byId.get(id) ?? []);
}

/** A staged version's tags by name (the save made them, as a draft's save does), in its order. */
export async function findTagsByNames(
  db: Db,
  names: string[],
): Promise<{ id: string; name: string; slug: string }[]> {
  if (names.length === 0) return [];
  const slugs = names.map((n) => slugify(n));
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name', 'slug'])
    .where('slug', 'in', slugs)
    .execute();
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  return slugs.flatMap((slug) => bySlug.get(slug) ?? []);
}

export async function findArticleTags(
  db: Db,
  articleId: string,
): Promise<{ id: string; name: string; slug: string }[]> {
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.name', 'tags.slug'])
    .where('article_tags.article_id', '=', articleId)
    .orderBy('article_tags.position')
    .execute();
}

export async function findSectionRefs(
  db: Db,
  ids: string[],
): Promise<Map<string, { id: string; name: string; path: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sections')
    .select(['id', 'name', 'path'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findPreviousSlugs(db: Db, articleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('article_slugs')
    .select('slug')
    .where('article_id', '=', articleId)
    .orderBy('retired_at')
    .execute();
  return rows.map((r) => r.slug);
}

export async function insertArticle(db: Db, row: Insertable<ArticleTable>): Promise<void> {
  await db.insertInto('articles').values(row).execute();
}

/** Writes only if the article is still at `expectedRevision`; false means someone saved in between. */
export async function updateArticleAt(
  db: Db,
  id: string,
  expectedRevision: number,
  changes: Updateable<ArticleTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set(changes)
    .where('id', '=', id)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceBylines(db: Db, articleId: string, authorIds: string[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (authorIds.length === 0) return;
  await db
    .insertInto('article_authors')
    .values(authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })))
    .execute();
}

/** `publishedAt`: the article's published_at if it is published, else null (see migration 0014). */
export async function replaceTags(
  db: Db,
  articleId: string,
  tagIds: string[],
  publishedAt: string | null,
): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('article_tags')
    .values(
      tagIds.map((tag_id, position) => ({
        article_id: articleId,
        tag_id,
        position,
        published_at: publishedAt,
      })),
    )
    .execute();
}

/** Keeps article_tags.published_at in step after a change of status or publication time. */
export async function syncTagPublication(
  db: Db,
  articleId: string,
  publishedAt: string | null,
): Promise<void> {
  await db
    .updateTable('article_tags')
    .set({ published_at: publishedAt })
    .where('article_id', '=', articleId)
    .execute();
}

export async function retireSlug(db: Db, slug: string, articleId: string, at: string): Promise<void> {
  await db
    .insertInto('article_slugs')
    .values({ slug, article_id: articleId, retired_at: at })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ article_id: articleId, retired_at: at }))
    .execute();
}

export async function reviveSlug(db: Db, slug: string): Promise<void> {
  await db.deleteFrom('article_slugs').where('slug', '=', slug).execute();
}

export async function insertRevision(db: Db, row: Insertable<ArticleRevisionTable>): Promise<void> {
  await db.insertInto('article_revisions').values(row).execute();
}

export async function findRevisions(db: Db, articleId: string): Promise<RevisionRow[]> {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('number', 'desc')
    .execute();
}

export async function findRevision(
  db: Db,
  articleId: string,
  number: number,
): Promise<RevisionRow | undefined> {
  return db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function insertCorrection(db: Db, row: Insertable<CorrectionTable>): Promise<void> {
  await db.insertInto('corrections').values(row).execute();
}

export async function findCorrections(db: Db, articleId: string): Promise<CorrectionRow[]> {
  return db
    .selectFrom('corrections')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
}

/** Scheduled articles whose time has come (used when catching up after downtime). */
export async function findDueScheduled(db: Db, now: string): Promise<ArticleRow[]> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .execute();
}
