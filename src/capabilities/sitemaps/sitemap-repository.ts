/**
 * Reader-side queries for sitemaps: published articles only. Times are ISO text in UTC (ADR 0002),
 * so a month is a range of text and "substr(first_published_at, 1, 7)" is its name on both dialects.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';

// Written out in full (no bound numbers) so PostgreSQL sees the same expression in SELECT and GROUP BY.
const monthOfFirstPublication = sql<string>`substr(first_published_at, 1, 7)`;

export interface MonthRow {
  month: string;
  count: number;
  lastPublished: string | null;
  lastModified: string | null;
}

/** Every month with published articles, oldest first, with how many and when they last changed. */
export async function findArticleMonths(db: Db): Promise<MonthRow[]> {
  const rows = await db
    .selectFrom('articles')
    .select((eb) => [
      monthOfFirstPublication.as('month'),
      eb.fn.countAll().as('count'),
      eb.fn.max('published_at').as('last_published'),
      eb.fn.max('modified_at').as('last_modified'),
    ])
    .where('status', '=', 'published')
    .where('first_published_at', 'is not', null)
    .groupBy(monthOfFirstPublication)
    .orderBy('month')
    .execute();
  return rows.map((row) => ({
    month: row.month,
    count: Number(row.count),
    lastPublished: row.last_published,
    lastModified: row.last_modified,
  }));
}

export interface SitemapArticleRow {
  id: string;
  slug: string;
  first_published_at: string;
  published_at: string | null;
  modified_at: string | null;
  /** The body, only when it holds an image; null otherwise, so image-less bodies are never read out. */
  image_body: string | null;
  /** The lead photo reference (JSON), resolved against the photo desk. */
  lead_image: string | null;
}

/** One page of the articles first published in [from, to), in publication order. */
export async function findArticlesFirstPublished(
  db: Db,
  range: { from: string; to: string },
  page: { limit: number; offset: number },
): Promise<SitemapArticleRow[]> {
  const rows = await db
    .selectFrom('articles')
    .select((eb) => [
      'id',
      'slug',
      'first_published_at',
      'published_at',
      'modified_at',
      'lead_image',
      // Bodies are stored as normalised JSON (JSON.stringify), so an image node reads exactly so.
      eb
        .case()
        .when('body', 'like', '%"type":"image"%')
        .then(eb.ref('body'))
        .else(eb.val<string | null>(null))
        .end()
        .as('image_body'),
    ])
    .where('status', '=', 'published')
    // Last published is never before first published: with only the (status, published_at) index
    // this bound keeps recent months, the ones crawlers re-read, from reading the older archive.
    .where('published_at', '>=', range.from)
    .where('first_published_at', '>=', range.from)
    .where('first_published_at', '<', range.to)
    .orderBy('first_published_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({ ...row, first_published_at: row.first_published_at ?? range.from }));
}

export interface NewsArticleRow {
  id: string;
  slug: string;
  headline: string;
  first_published_at: string;
}

/** Articles first published at or after `since`, newest first. */
export async function findNewsArticles(db: Db, since: string, limit: number): Promise<NewsArticleRow[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'first_published_at'])
    .where('status', '=', 'published')
    // An article is last published no earlier than first published, so this bound loses nothing and
    // lets the (status, published_at) index skip the archive.
    .where('published_at', '>=', since)
    .where('first_published_at', '>=', since)
    .orderBy('first_published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, first_published_at: row.first_published_at ?? since }));
}

export interface SectionPageRow {
  path: string;
  /** The section's own last edit. */
  changed: string;
  /** When its newest article was published, or null. */
  lastPublished: string | null;
}

/**
 * Every section with the time its newest article was published. One indexed max() per section
 * (articles_section_listing), so the cost follows the number of sections, not of articles.
 */
export async function findSectionsForSitemap(db: Db): Promise<SectionPageRow[]> {
  const rows = await db
    .selectFrom('sections')
    .select((eb) => [
      'sections.path',
      'sections.updated_at',
      eb
        .selectFrom('articles')
        .select((inner) => inner.fn.max('articles.published_at').as('at'))
        .whereRef('articles.section_id', '=', 'sections.id')
        .where('articles.status', '=', 'published')
        .as('last_published'),
    ])
    .orderBy('sections.path')
    .execute();
  return rows.map((row) => ({
    path: row.path,
    changed: row.updated_at,
    lastPublished: row.last_published ?? null,
  }));
}

/**
 * Authors with at least one published article (a page with none is not worth a crawl). No lastmod:
 * finding each author's newest article would read every byline of the archive, and a wrong lastmod
 * is worse than none.
 */
export async function findAuthorsForSitemap(db: Db): Promise<{ slug: string }[]> {
  return db
    .selectFrom('authors')
    .select('authors.slug')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .innerJoin('articles', 'articles.id', 'article_authors.article_id')
          .select(eb.lit(1).as('one'))
          .whereRef('article_authors.author_id', '=', 'authors.id')
          .where('articles.status', '=', 'published'),
      ),
    )
    .orderBy('authors.slug')
    .execute();
}
