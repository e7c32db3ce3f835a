import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { fts5Match, MATCH_END, MATCH_START, type SearchTerms, tsQueryText } from './search.js';

/**
 * Search queries. The two engines' full-text syntax differs, so each search is written twice,
 * once per dialect, each isolated and named (sqliteSearch*, postgresSearch*); everything else
 * here is dialect-neutral. Both return the same rows: the text fields come back with
 * MATCH_START/MATCH_END around matched words, for the service to turn into segments.
 */

/** Which published articles a search may return; every field narrows it. */
export interface SearchFilters {
  /** A section and all its subsections. Never empty. */
  sectionIds?: string[];
  authorId?: string;
  /** ISO instants on published_at: from inclusive, until exclusive. */
  from?: string;
  until?: string;
}

/** A page of a window of matches to rank; keys are SQLite rowids or PostgreSQL ids. */
export interface RankQuery<Key> {
  terms: SearchTerms;
  window: Key[];
  limit: number;
  offset: number;
}

export interface SearchRow<Key> {
  key: Key;
  id: string;
  slug: string;
  section_id: string | null;
  published_at: string | null;
  first_published_at: string | null;
  byline_suffix: string;
  headline_marked: string;
  dek_marked: string;
  snippet_marked: string;
}

/** Column weights: a headline match outranks a dek match, which outranks a body match. */
const WEIGHT = { headline: 10, dek: 4, body: 1 } as const;
/** Words in a body snippet. */
const SNIPPET_WORDS = 32;

// SQLite ------------------------------------------------------------------------------------

/**
 * The filters as conditions on the FTS5 rowid (the article's rowid), each a list read from a
 * covering index. Reading `articles` rows instead would walk each row's body (long text stored
 * before these columns) for every match. The unary `+` keeps SQLite from handing the list to
 * FTS5 as rowid lookups, which cost a seek each; as a filter it is one probe of an in-memory set.
 */
function sqliteFilterSql(filters: SearchFilters): RawBuilder<unknown>[] {
  const parts: RawBuilder<unknown>[] = [];
  if (filters.sectionIds) {
    parts.push(sql`+articles_search.rowid in (
      select rowid from articles where section_id in (${sql.join(filters.sectionIds)}) and status = 'published')`);
  }
  if (filters.authorId) {
    parts.push(sql`+articles_search.rowid in (
      select rowid from articles where id in (select article_id from article_authors where author_id = ${filters.authorId}))`);
  }
  if (filters.from || filters.until) {
    const bounds = [
      ...(filters.from ? [sql`published_at >= ${filters.from}`] : []),
      ...(filters.until ? [sql`published_at < ${filters.until}`] : []),
    ];
    parts.push(sql`+articles_search.rowid in (
      select rowid from articles where status = 'published' and ${sql.join(bounds, sql` and `)})`);
  }
  return parts;
}

/**
 * SQLite: the newest `size` matches (by rowid: articles are added in the order they are
 * written), newest first. FTS5 walks the index backwards and stops there, however many match.
 * The index holds published articles only, so no article row is read.
 */
export async function sqliteSearchWindow(
  db: Db,
  terms: SearchTerms,
  filters: SearchFilters,
  size: number,
): Promise<number[]> {
  const conditions = [sql`articles_search match ${fts5Match(terms)}`, ...sqliteFilterSql(filters)];
  const { rows } = await sql<{ key: number }>`
    select articles_search.rowid as key from articles_search
    where ${sql.join(conditions, sql` and `)}
    order by articles_search.rowid desc
    limit ${size}`.execute(db);
  return rows.map((r) => r.key);
}

/**
 * SQLite: a page of the window, best first by bm25 with column weights, newest first on a tie.
 * The inner query walks the index backwards exactly as far as the window reaches (FTS5 is fast
 * walking, slow at seeking to a rowid or a rowid range), so bm25 runs for the window's rows only.
 */
export async function sqliteSearchRank(db: Db, query: RankQuery<number>): Promise<number[]> {
  if (query.window.length === 0) return [];
  const { rows } = await sql<{ key: number }>`
    select key from (
      select articles_search.rowid as key,
        bm25(articles_search, ${sql.lit(WEIGHT.headline)}, ${sql.lit(WEIGHT.dek)}, ${sql.lit(WEIGHT.body)}) as score
      from articles_search
      where articles_search match ${fts5Match(query.terms)}
        and +articles_search.rowid in (select value from json_each(${JSON.stringify(query.window)}))
      order by articles_search.rowid desc
      limit ${query.window.length}
    )
    order by score, key desc
    limit ${query.limit} offset ${query.offset}`.execute(db);
  return rows.map((r) => r.key);
}

/**
 * SQLite: the page's articles with matched words marked (highlight, snippet), in no order. The
 * WHERE clause picks the page's rows before highlight() and snippet() run, so they run 20 times.
 */
export async function sqliteSearchRows(
  db: Db,
  terms: SearchTerms,
  keys: number[],
): Promise<SearchRow<number>[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<SearchRow<number>>`
    select articles_search.rowid as key, a.id, a.slug, a.section_id, a.published_at, a.first_published_at,
      a.byline_suffix,
      highlight(articles_search, 0, ${MATCH_START}, ${MATCH_END}) as headline_marked,
      highlight(articles_search, 1, ${MATCH_START}, ${MATCH_END}) as dek_marked,
      snippet(articles_search, 2, ${MATCH_START}, ${MATCH_END}, '…', ${SNIPPET_WORDS}) as snippet_marked
    from articles_search
    join articles a on a.rowid = articles_search.rowid
    where articles_search match ${fts5Match(terms)}
      and +articles_search.rowid in (select value from json_each(${JSON.stringify(keys)}))
      and a.status = 'published'
    order by articles_search.rowid desc
    limit ${keys.length}`.execute(db);
  return rows;
}

// PostgreSQL --------------------------------------------------------------------------------

/** The filters as conditions on `articles a`; always at least "published". */
function postgresFilterSql(filters: SearchFilters): RawBuilder<unknown> {
  // A literal, not a parameter, so the planner can match the partial index's predicate.
  const parts: RawBuilder<unknown>[] = [sql`a.status = 'published'`];
  if (filters.sectionIds) parts.push(sql`a.section_id in (${sql.join(filters.sectionIds)})`);
  if (filters.authorId) {
    parts.push(sql`a.id in (select article_id from article_authors where author_id = ${filters.authorId})`);
  }
  if (filters.from) parts.push(sql`a.published_at >= ${filters.from}`);
  if (filters.until) parts.push(sql`a.published_at < ${filters.until}`);
  return sql.join(parts, sql` and `);
}

/**
 * PostgreSQL: the newest `size` matches by publication time. For a common word the planner walks
 * the (status, published_at) index backwards and stops; for a rare one it asks the GIN index.
 */
export async function postgresSearchWindow(
  db: Db,
  terms: SearchTerms,
  filters: SearchFilters,
  size: number,
): Promise<string[]> {
  const { rows } = await sql<{ key: string }>`
    select a.id as key from articles a
    where a.search_vector @@ to_tsquery('simple', ${tsQueryText(terms)}) and ${postgresFilterSql(filters)}
    order by a.published_at desc, a.id desc
    limit ${size}`.execute(db);
  return rows.map((r) => r.key);
}

// ts_rank_cd's weights are listed {D, C, B, A}; the same proportions as SQLite's bm25 weights.
const PG_WEIGHTS = `{0, ${WEIGHT.body / 10}, ${WEIGHT.dek / 10}, ${WEIGHT.headline / 10}}`;
const PG_HIGHLIGHT = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`;
const PG_SNIPPET = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=${SNIPPET_WORDS}, MinWords=20`;

/**
 * PostgreSQL: a page of the window, best first by ts_rank_cd (normalised by 1 + log of the
 * article's length, as bm25 favours focused articles), newest first on a tie.
 */
export async function postgresSearchRank(db: Db, query: RankQuery<string>): Promise<string[]> {
  if (query.window.length === 0) return [];
  const { rows } = await sql<{ key: string }>`
    select a.id as key from articles a
    where a.id in (${sql.join(query.window)})
    order by ts_rank_cd(${PG_WEIGHTS}::float4[], a.search_vector, to_tsquery('simple', ${tsQueryText(query.terms)}), 1) desc,
      a.published_at desc, a.id desc
    limit ${query.limit} offset ${query.offset}`.execute(db);
  return rows.map((r) => r.key);
}

/**
 * PostgreSQL: the page's articles with matched words marked, in no order. ts_headline adds no
 * ellipses, so they are added here where the snippet starts or ends inside the body, as FTS5's
 * snippet() does.
 */
export async function postgresSearchRows(
  db: Db,
  terms: SearchTerms,
  keys: string[],
): Promise<SearchRow<string>[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<SearchRow<string>>`
    with q as (select to_tsquery('simple', ${tsQueryText(terms)}) as query)
    select a.id as key, a.id, a.slug, a.section_id, a.published_at, a.first_published_at, a.byline_suffix,
      ts_headline('simple', a.headline, q.query, ${PG_HIGHLIGHT}) as headline_marked,
      ts_headline('simple', a.dek, q.query, ${PG_HIGHLIGHT}) as dek_marked,
      case when s.at > 1 then '…' else '' end || s.marked
        || case when s.at > 0 and s.at + length(s.plain) - 1 < length(a.body_text) then '…' else '' end
        as snippet_marked
    from articles a
    cross join q
    cross join lateral (
      select h.marked, p.plain, position(p.plain in a.body_text) as at
      from (select ts_headline('simple', a.body_text, q.query, ${PG_SNIPPET}) as marked) h
      cross join lateral (select translate(h.marked, ${MATCH_START + MATCH_END}, '') as plain) p
    ) s
    where a.id in (${sql.join(keys)}) and a.status = 'published' and a.search_vector @@ q.query`.execute(db);
  return rows;
}

/**
 * SQLite: rebuilds the index from the articles table. The triggers keep it in step; this is for
 * after something that may renumber rowids (SQLite allows VACUUM to, for tables like `articles`
 * whose key is not an integer). PostgreSQL's generated column cannot drift and needs no rebuild.
 */
export async function sqliteRebuildIndex(db: Db): Promise<void> {
  // 'rebuild' would index every row, drafts too; clear, then index the published ones.
  await sql`insert into articles_search (articles_search) values ('delete-all')`.execute(db);
  await sql`
    insert into articles_search (rowid, headline, dek, body_text)
    select rowid, headline, dek, body_text from articles where status = 'published'`.execute(db);
}

export interface AuthorRef {
  id: string;
  name: string;
  slug: string;
}

export async function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRef | undefined> {
  return db.selectFrom('authors').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}

/** Bylines for a page of results, in byline order, in one query. */
export async function findBylines(db: Db, articleIds: string[]): Promise<Map<string, AuthorRef[]>> {
  const map = new Map<string, AuthorRef[]>();
  if (articleIds.length === 0) return map;
  const rows = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select(['article_authors.article_id', 'authors.id', 'authors.name', 'authors.slug'])
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position')
    .execute();
  for (const row of rows) {
    const list = map.get(row.article_id) ?? [];
    list.push({ id: row.id, name: row.name, slug: row.slug });
    map.set(row.article_id, list);
  }
  return map;
}
