import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { MATCH_END, MATCH_START, type SearchTerms, TERM_COUNT_CAP, tsQueryText } from './search.js';

/**
 * Search queries. The two engines' full-text syntax differs, so each search is written twice,
 * once per dialect, each isolated and named: PostgreSQL's here (postgresSearch*), SQLite's in
 * search-sqlite-repository.ts (sqliteSearch*); the shapes and the dialect-neutral lookups are
 * here. Both return the same rows: the text fields come back with MATCH_START/MATCH_END around
 * matched words, for the service to turn into segments.
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

/** A match in a window, newest first: its key (SQLite rowid or PostgreSQL id), headline and dek. */
export interface WindowRow<Key> {
  key: Key;
  headline: string;
  dek: string;
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

/** Words in a body snippet. */
export const SNIPPET_WORDS = 32;

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

const PG_HIGHLIGHT = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`;
const PG_SNIPPET = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=${SNIPPET_WORDS}, MinWords=20`;

/**
 * PostgreSQL: the newest `size` matches by publication time, newest first, with their headline and
 * dek. For a common word the planner walks the (status, published_at) index backwards and stops;
 * for a rare one it asks the GIN index.
 */
export async function postgresSearchWindow(
  db: Db,
  terms: SearchTerms,
  filters: SearchFilters,
  size: number,
): Promise<WindowRow<string>[]> {
  const { rows } = await sql<WindowRow<string>>`
    select a.id as key, a.headline, a.dek from articles a
    where a.search_vector @@ to_tsquery('simple', ${tsQueryText(terms)}) and ${postgresFilterSql(filters)}
    order by a.published_at desc, a.id desc
    limit ${size}`.execute(db);
  return rows;
}

/** PostgreSQL: how many articles each term matches, counted up to TERM_COUNT_CAP, in one query. */
export async function postgresTermCounts(db: Db, terms: SearchTerms): Promise<number[]> {
  const counts = terms.terms.map(
    (term, i) => sql`(select count(*) from (
      select 1 from articles a
      where a.search_vector @@ to_tsquery('simple', ${tsQueryText({ ...terms, terms: [term], prefixes: [terms.prefixes[i] ?? false] })})
        and a.status = 'published'
      limit ${TERM_COUNT_CAP}) c)::int as ${sql.ref(`c${i}`)}`,
  );
  const { rows } = await sql<Record<string, number>>`select ${sql.join(counts)}`.execute(db);
  return terms.terms.map((_, i) => rows[0]?.[`c${i}`] ?? 0);
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
        || case when s.at > 0 and s.at + length(s.plain) - 1 < length(a.public_text) then '…' else '' end
        as snippet_marked
    from articles a
    cross join q
    cross join lateral (
      select h.marked, p.plain, position(p.plain in a.public_text) as at
      from (select ts_headline('simple', a.public_text, q.query, ${PG_SNIPPET}) as marked) h
      cross join lateral (select translate(h.marked, ${MATCH_START + MATCH_END}, '') as plain) p
    ) s
    where a.id in (${sql.join(keys)}) and a.status = 'published' and a.search_vector @@ q.query`.execute(db);
  return rows;
}

export interface AuthorRef {
  id: string;
  name: string;
  slug: string;
}

export async function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRef | undefined> {
  return db.selectFrom('authors').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}
