import { sql } from 'kysely';
import { findBylines, findSectionRefs } from '../capabilities/articles/index.js';
import type { Db, Dialect } from '../platform/database/database.js';

/**
 * The reader site's lists of published articles: the front page, section, tag and author pages.
 * Newest first by the time an article (last) went live, `published_at`, with the id breaking ties;
 * the indexes on (status, published_at), (section_id, status, published_at) and, for tags,
 * article_tags (tag_id, published_at, article_id) serve that order.
 * Each list is one query for the page of rows plus one for the bylines and one for the section
 * labels, however many articles it shows.
 */

/** Articles on one page of a reader list. */
export const PAGE_SIZE = 20;

/** What a list shows of an article: enough for a card, never the body. */
export interface ListedArticle {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  firstPublishedAt: string;
  publishedAt: string;
  section: { id: string; name: string; path: string } | null;
  authors: { id: string; name: string; slug: string }[];
  bylineSuffix: string;
}

export interface ArticlePage {
  articles: ListedArticle[];
  page: number;
  /** True when a later page has at least one article. */
  hasNext: boolean;
}

/** The columns a card needs: select these, then turn the rows into cards with toListedArticles. */
export const LIST_COLUMNS = [
  'articles.id',
  'articles.slug',
  'articles.headline',
  'articles.dek',
  'articles.first_published_at',
  'articles.published_at',
  'articles.section_id',
  'articles.byline_suffix',
] as const;

export interface ListRow {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  first_published_at: string | null;
  published_at: string | null;
  section_id: string | null;
  byline_suffix: string;
}

/** Which published articles a list holds. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'sections'; sectionIds: string[] }
  | { kind: 'tag'; tagId: string }
  | { kind: 'author'; authorId: string };

function scopedQuery(db: Db, scope: Exclude<ListScope, { kind: 'tag' }>) {
  const query = db.selectFrom('articles').select(LIST_COLUMNS).where('articles.status', '=', 'published');
  switch (scope.kind) {
    case 'all':
      return query;
    case 'sections':
      return query.where('articles.section_id', 'in', scope.sectionIds);
    case 'author':
      return query.where('articles.id', 'in', (eb) =>
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .where('article_authors.author_id', '=', scope.authorId),
      );
  }
}

/**
 * One page (1-based) of a list. Fetches one row more than a page to learn whether a next page
 * exists, so no count over the whole archive is needed. An empty page past the first means the
 * reader asked for a page that does not exist; the caller turns that into a 404.
 */
export async function listPublishedArticles(
  db: Db,
  scope: ListScope,
  page: number,
  pageSize = PAGE_SIZE,
): Promise<ArticlePage> {
  if (scope.kind === 'sections' && scope.sectionIds.length === 0)
    return { articles: [], page, hasNext: false };
  const offset = (page - 1) * pageSize;
  const rows =
    scope.kind === 'sections' && scope.sectionIds.length > 1 && scope.sectionIds.length <= UNION_MAX
      ? await listInSections(db, scope.sectionIds, offset, pageSize + 1)
      : scope.kind === 'tag'
        ? await listInTag(db, scope.tagId, offset, pageSize + 1)
        : await scopedQuery(db, scope)
            .orderBy('articles.published_at', 'desc')
            .orderBy('articles.id', 'desc')
            .limit(pageSize + 1)
            .offset(offset)
            .execute();
  const articles = await toListedArticles(db, rows.slice(0, pageSize));
  return { articles, page, hasNext: rows.length > pageSize };
}

// SQLite allows at most 500 terms in one compound SELECT; a paper has far fewer sections.
const UNION_MAX = 200;

/** Each section's newest `limit` published articles, newest first: one walk down the section index. */
function newestInSection(db: Db, sectionId: string, limit: number) {
  return db
    .selectFrom('articles')
    .select(LIST_COLUMNS)
    .where('articles.status', '=', 'published')
    .where('articles.section_id', '=', sectionId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit);
}

/** UNION ALL of the queries, each wrapped so its ORDER BY and LIMIT are allowed on both databases. */
function unionOf(db: Db, queries: ReturnType<typeof newestInSection>[]) {
  const parts = queries.map((query, i) => db.selectFrom(query.as(`s${i}`)).selectAll());
  const [first, ...rest] = parts;
  if (!first) throw new Error('unionOf needs at least one query');
  return rest.reduce((union, part) => union.unionAll(part), first);
}

/**
 * A page of a section and its subsections. `section_id IN (...)` would make the database sort
 * every article of the whole family before taking a page (tens of milliseconds per 10,000);
 * instead each section gives only its newest `offset + limit` through its index, and those few
 * are merged and paged.
 */
async function listInSections(
  db: Db,
  sectionIds: string[],
  offset: number,
  limit: number,
): Promise<ListRow[]> {
  const union = unionOf(
    db,
    sectionIds.map((id) => newestInSection(db, id, offset + limit)),
  );
  return db
    .selectFrom(union.as('family'))
    .selectAll()
    .orderBy('family.published_at', 'desc')
    .orderBy('family.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/**
 * A page of a tag's articles, walked down the (tag_id, published_at, article_id) index in the
 * lists' order: each tag row carries its article's publication time while the article is published
 * (migration 0014), so no article outside the page is read, however many carry the tag.
 */
async function listInTag(db: Db, tagId: string, offset: number, limit: number): Promise<ListRow[]> {
  return db
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .select(LIST_COLUMNS)
    .where('article_tags.tag_id', '=', tagId)
    .where('article_tags.published_at', 'is not', null)
    .orderBy('article_tags.published_at', 'desc')
    .orderBy('article_tags.article_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The rows of the newest `limit` published articles, for a page that hydrates all its cards at once. */
export function latestRows(db: Db, limit: number): Promise<ListRow[]> {
  return scopedQuery(db, { kind: 'all' })
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
}

/** A group of sections shown together on the front page: a top section and its subsections. */
export interface SectionGroup {
  key: string;
  sectionIds: string[];
}

/**
 * The rows of each group's newest `perGroup` published articles not in `exclude` (the front page's
 * top stories, so no article is shown twice). One query takes each section's newest
 * `perGroup + exclude.size` through the section index (newestKeysBySection): a group's newest
 * articles outside `exclude` are always among them, and no query sorts a whole section's archive.
 * Then one query for the chosen rows' card columns.
 */
export async function latestRowsBySectionGroup(
  db: Db,
  dialect: Dialect,
  groups: SectionGroup[],
  perGroup: number,
  exclude: ReadonlySet<string> = new Set(),
): Promise<Map<string, ListRow[]>> {
  const groupOf = new Map<string, string>();
  for (const group of groups) for (const id of group.sectionIds) groupOf.set(id, group.key);
  const sectionIds = [...groupOf.keys()];
  const take = perGroup + exclude.size;
  // First only what choosing needs (the section index holds it, and the id opens the row), then
  // the cards' columns for the chosen few: those sit after the body, and reaching them walks its
  // overflow pages, which for every candidate of forty sections took milliseconds at a million.
  const keys =
    dialect === 'postgres'
      ? await postgresNewestKeysBySection(db, sectionIds, take)
      : await sqliteNewestKeysBySection(db, sectionIds, take);
  const byGroup = new Map<string, KeyRow[]>(groups.map((g) => [g.key, []]));
  for (const row of keys) {
    if (exclude.has(row.id)) continue;
    byGroup.get(groupOf.get(row.section_id ?? '') ?? '')?.push(row);
  }
  const chosen = new Map<string, KeyRow[]>();
  for (const [key, list] of byGroup) chosen.set(key, newestFirst(list).slice(0, perGroup));
  const ids = [...chosen.values()].flat().map((row) => row.id);
  const rows = ids.length
    ? await db.selectFrom('articles').select(LIST_COLUMNS).where('articles.id', 'in', ids).execute()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return new Map([...chosen].map(([key, list]) => [key, list.flatMap((row) => byId.get(row.id) ?? [])]));
}

type KeyRow = Pick<ListRow, 'id' | 'published_at' | 'section_id'>;

/** SQLite: each section's newest `take` keys, one UNION ALL query per 200 sections. */
async function sqliteNewestKeysBySection(db: Db, sectionIds: string[], take: number): Promise<KeyRow[]> {
  const keys: KeyRow[] = [];
  for (let start = 0; start < sectionIds.length; start += UNION_MAX) {
    const parts = sectionIds
      .slice(start, start + UNION_MAX)
      .map((id, i) => db.selectFrom(newestKeysInSection(db, id, take).as(`s${i}`)).selectAll());
    const [first, ...rest] = parts;
    if (first) keys.push(...(await rest.reduce((union, part) => union.unionAll(part), first).execute()));
  }
  return keys;
}

/**
 * PostgreSQL: the same keys from one walk of the section index per section, written as a lateral
 * join over the ids. The UNION ALL of forty sections took PostgreSQL longer to plan than to run
 * (2.4-7 ms of planning against 0.1-0.5 ms for this form, EXPLAIN ANALYZE at 100,000 articles), on
 * every front page drawn.
 */
async function postgresNewestKeysBySection(db: Db, sectionIds: string[], take: number): Promise<KeyRow[]> {
  if (sectionIds.length === 0) return [];
  const { rows } = await sql<KeyRow>`
    select k.id, k.published_at, k.section_id from unnest(${sectionIds}::text[]) as s(id)
    cross join lateral (
      select a.id, a.published_at, a.section_id from articles a
      where a.status = 'published' and a.section_id = s.id
      order by a.published_at desc, a.id desc
      limit ${take}
    ) k`.execute(db);
  return rows;
}

/** A section's newest `limit` published articles, only what choosing among sections needs. */
function newestKeysInSection(db: Db, sectionId: string, limit: number) {
  return db
    .selectFrom('articles')
    .select(['articles.id', 'articles.published_at', 'articles.section_id'])
    .where('articles.status', '=', 'published')
    .where('articles.section_id', '=', sectionId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit);
}

function newestFirst<Row extends KeyRow>(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => {
    const at = (b.published_at ?? '').localeCompare(a.published_at ?? '');
    return at !== 0 ? at : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
  });
}

/** A section as a card labels it. */
export type SectionRef = ListedArticle['section'] & {};

/**
 * Bylines and section labels for a list of rows: two queries, whatever the length, or one when the
 * caller already holds every section (the front page reads them all for its blocks).
 */
export async function toListedArticles(
  db: Db,
  rows: ListRow[],
  known: { sections?: ReadonlyMap<string, SectionRef> } = {},
): Promise<ListedArticle[]> {
  if (rows.length === 0) return [];
  const sectionIds = [...new Set(rows.flatMap((r) => (r.section_id ? [r.section_id] : [])))];
  const [bylines, sections] = await Promise.all([
    findBylines(
      db,
      rows.map((r) => r.id),
    ),
    known.sections ?? findSectionRefs(db, sectionIds),
  ]);
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    // A published article always has both times; the fallbacks only satisfy the column types.
    firstPublishedAt: row.first_published_at ?? row.published_at ?? '',
    publishedAt: row.published_at ?? row.first_published_at ?? '',
    section: (row.section_id && sections.get(row.section_id)) || null,
    authors: (bylines.get(row.id) ?? []).map(({ id, name, slug }) => ({ id, name, slug })),
    bylineSuffix: row.byline_suffix,
  }));
}
