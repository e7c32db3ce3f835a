import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import {
  COMMON_TERM_ESTIMATE,
  MATCH_END,
  MATCH_START,
  type SearchTerms,
  TERM_COUNT_CAP,
  tsQueryText,
} from './search.js';

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
 * PostgreSQL: about how many articles hold each term, from the statistics ANALYZE keeps on the
 * search vector (its commonest words, each with the share of rows that hold it). A prefix term adds
 * up the words it starts, an upper estimate (an article with two of them counts twice). The planner
 * needs this help: it guesses a fixed 2 % for any prefix.
 */
export async function postgresEstimateTerms(db: Db, terms: SearchTerms): Promise<SearchTerms> {
  const { articles, common } = await searchVectorStatistics(db);
  const holding = terms.terms.map((term, i) => {
    const prefix = terms.prefixes[i] ?? false;
    let sum = 0;
    for (const [word, share] of common) {
      if (word === term || (prefix && word.startsWith(term))) sum += share * articles;
    }
    return sum;
  });
  return { ...terms, estimates: { articles, holding } };
}

/** The search vector's statistics: the articles ANALYZE counted, and its commonest words with their shares. */
interface SearchVectorStatistics {
  articles: number;
  common: ReadonlyArray<readonly [word: string, share: number]>;
}

/**
 * How long statistics once read are used again. Only ANALYZE changes them (autovacuum runs it after
 * about a tenth of the table has changed), and reading them cost 1.2 to 1.7 ms of each search at
 * 100,000 articles (issue 15); an estimate a minute old steers the plan as well.
 */
const STATISTICS_MAX_AGE_MS = 60_000;
const statisticsRead = new WeakMap<Db, { readAt: number; statistics: Promise<SearchVectorStatistics> }>();

function searchVectorStatistics(db: Db): Promise<SearchVectorStatistics> {
  const now = performance.now();
  const known = statisticsRead.get(db);
  if (known && now - known.readAt < STATISTICS_MAX_AGE_MS) return known.statistics;
  const statistics = readSearchVectorStatistics(db);
  const entry = { readAt: now, statistics };
  statisticsRead.set(db, entry);
  // A failed read is not kept: the next search asks again.
  statistics.catch(() => {
    if (statisticsRead.get(db) === entry) statisticsRead.delete(db);
  });
  return statistics;
}

async function readSearchVectorStatistics(db: Db): Promise<SearchVectorStatistics> {
  const { rows } = await sql<{ words: string[] | null; shares: number[] | null; articles: number }>`
    select s.most_common_elems::text::text[] as words, s.most_common_elem_freqs as shares,
      greatest(c.reltuples, 0)::float8 as articles
    from pg_stats s
    join pg_namespace n on n.nspname = s.schemaname
    join pg_class c on c.relnamespace = n.oid and c.relname = s.tablename
    where s.schemaname = current_schema() and s.tablename = 'articles' and s.attname = 'search_vector'`.execute(
    db,
  );
  const row = rows[0];
  // Before the first ANALYZE there is no row: no estimate, and the planner chooses alone.
  if (!row) return { articles: 0, common: [] };
  const words = row.words ?? [];
  const shares = row.shares ?? [];
  // The shares array ends with three summary figures past the words; only the words' own are read.
  return { articles: row.articles, common: words.map((word, i) => [word, shares[i] ?? 0] as const) };
}

/**
 * Above this estimated share of the archive matching every term, the window walks the newest
 * published articles and keeps the matches, stopping at `size`: about size / share rows read. Below
 * it the GIN index finds every match and the newest are sorted out. At one match in ten the two
 * cost about the same (each reads a row's search vector for a few microseconds).
 */
const WALK_SHARE = 0.1;

/** The share of the archive estimated to match every term (the terms taken as independent). */
function estimatedShare(terms: SearchTerms): number {
  const estimates = terms.estimates;
  if (!estimates || estimates.articles <= 0) return 0;
  return estimates.holding.reduce((share, holding) => share * Math.min(1, holding / estimates.articles), 1);
}

/**
 * PostgreSQL: the newest `size` matches by publication time, newest first, with their headline and
 * dek. For common terms, with no filter, the (status, published_at) index is walked backwards, the
 * planner's other ways closed for this one statement: its guess for a prefix term (2 % of rows) or for
 * several common words together can be a thousand times too low, and a GIN scan over every match
 * then read 100,000 rows where the walk reads 1,001 (0.6 s against 6 ms at 100,000 articles). With
 * a filter, or rarer terms, the planner chooses.
 */
export async function postgresSearchWindow(
  db: Db,
  terms: SearchTerms,
  filters: SearchFilters,
  size: number,
): Promise<WindowRow<string>[]> {
  const query = sql<WindowRow<string>>`
    select a.id as key, a.headline, a.dek from articles a
    where a.search_vector @@ to_tsquery('simple', ${tsQueryText(terms)}) and ${postgresFilterSql(filters)}
    order by a.published_at desc, a.id desc
    limit ${size}`;
  const filtered = Object.values(filters).some((value) => value !== undefined);
  if (filtered || estimatedShare(terms) < WALK_SHARE) return (await query.execute(db)).rows;
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)`.execute(
      trx,
    );
    return (await query.execute(trx)).rows;
  });
}

/**
 * PostgreSQL: how many articles each term matches, counted up to TERM_COUNT_CAP, in one query. A term
 * the statistics put in COMMON_TERM_ESTIMATE articles or more is taken at the cap uncounted: counting
 * even to the cap read 5,000 search vectors, 30 ms a term at 100,000 articles.
 */
export async function postgresTermCounts(db: Db, terms: SearchTerms): Promise<number[]> {
  const common = (i: number) => (terms.estimates?.holding[i] ?? 0) >= COMMON_TERM_ESTIMATE;
  const counted = terms.terms.flatMap((_, i) => (common(i) ? [] : [i]));
  if (counted.length === 0) return terms.terms.map(() => TERM_COUNT_CAP);
  const counts = counted.map(
    (i) => sql`(select count(*) from (
      select 1 from articles a
      where a.search_vector @@ to_tsquery('simple', ${tsQueryText({ ...terms, terms: [terms.terms[i]!], prefixes: [terms.prefixes[i] ?? false] })})
        and a.status = 'published'
      limit ${TERM_COUNT_CAP}) c)::int as ${sql.ref(`c${i}`)}`,
  );
  const { rows } = await sql<Record<string, number>>`select ${sql.join(counts)}`.execute(db);
  return terms.terms.map((_, i) => (common(i) ? TERM_COUNT_CAP : (rows[0]?.[`c${i}`] ?? 0)));
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
  const { rows } = await postgresSearchRowsQuery(terms, keys).execute(db);
  return rows;
}

/** The query postgresSearchRows runs: apart, so a test can read its plan. */
export function postgresSearchRowsQuery(terms: SearchTerms, keys: string[]): RawBuilder<SearchRow<string>> {
  return sql<SearchRow<string>>`
    with q as (select to_tsquery('simple', ${tsQueryText(terms)}) as query)
    select a.id as key, a.id, a.slug, a.section_id, a.published_at, a.first_published_at, a.byline_suffix,
      ts_headline('simple', a.headline, q.query, ${PG_HIGHLIGHT}) as headline_marked,
      ts_headline('simple', a.dek, q.query, ${PG_HIGHLIGHT}) as dek_marked,
      case when s.at > 1 then '…' else '' end || s.marked
        || case when s.at > 0 and s.at + length(s.plain) - 1 < length(a.public_text) then '…' else '' end
        as snippet_marked
    from articles a
    cross join q
    -- "offset 0" keeps the planner from folding each subquery into its uses: folded, ts_headline (about
    -- 0.5 ms for a 5 KB body) ran once for each of the four places the snippet is read (issue 15).
    cross join lateral (
      select h.marked, p.plain, position(p.plain in a.public_text) as at
      from (select ts_headline('simple', a.public_text, q.query, ${PG_SNIPPET}) as marked offset 0) h
      cross join lateral (select translate(h.marked, ${MATCH_START + MATCH_END}, '') as plain) p
      offset 0
    ) s
    where a.id in (${sql.join(keys)}) and a.status = 'published' and a.search_vector @@ q.query`;
}

export interface AuthorRef {
  id: string;
  name: string;
  slug: string;
}

export async function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRef | undefined> {
  return db.selectFrom('authors').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
}
