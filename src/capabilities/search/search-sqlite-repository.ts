import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { fts5Match, isTerm, MATCH_END, MATCH_START, type SearchTerms, TERM_COUNT_CAP } from './search.js';
import {
  hasFilters,
  type SearchFilters,
  type SearchRow,
  SNIPPET_WORDS,
  type WindowRow,
} from './search-repository.js';

/**
 * Search on SQLite (FTS5). FTS5 walks a word's matches newest first at well under a microsecond
 * each, but a lookup of one rowid costs tens of microseconds (it opens every index segment), and
 * bm25() counts every match of every word before it scores a single row (measured: 7-19 ms per
 * common word at 100,000 articles, ten times that at a million). So nothing here calls bm25():
 * the service ranks the window from its headlines and deks and each word's capped count. The
 * filters are the other cost: an article's section and publication time are stored after its body,
 * so reading them from the row costs about 10 µs (the body's overflow pages are walked to reach
 * them); the filters are read from indexes instead (migration 0014's articles_search_filters).
 */

/**
 * Look each filtered article up, rather than walk the matches, when the filters pass at most this
 * share of the archive. Looking up an article costs about 30 µs, walking a match against gathered
 * rowids about 0.5 µs (measured on the bench machine), and filling a window of `size` by walking
 * takes size / share matches: the two cost the same near a sixtieth.
 */
const SEEK_SHARE = 1 / 60;
/**
 * The filters pass at most this many: gather their rowids from the indexes once (about 0.3 µs
 * each) and walk the matches against that set; beyond it, gathering costs more than checking each
 * match walked (about 12 µs: the article row and the filter index are read at random).
 */
const GATHER_AT_MOST = 150_000;
/** Rowids looked up per query when seeking: enough to stop soon after the window is full. */
const SEEK_BATCH = 250;

/** Conditions on an `articles` alias for the section and date filters; always "published". */
function rowConditions(alias: string, filters: SearchFilters): RawBuilder<unknown> {
  const a = (column: string) => sql.ref(`${alias}.${column}`);
  const parts: RawBuilder<unknown>[] = [sql`${a('status')} = 'published'`];
  if (filters.sectionIds) parts.push(sql`${a('section_id')} in (${sql.join(filters.sectionIds)})`);
  if (filters.from) parts.push(sql`${a('published_at')} >= ${filters.from}`);
  if (filters.until) parts.push(sql`${a('published_at')} < ${filters.until}`);
  return sql.join(parts, sql` and `);
}

/**
 * The rowids of the articles that pass the filters, read from indexes only: an author's articles
 * through the byline index, then each one's section and time from articles_search_filters (keyed by
 * id); without an author, a range of the section or publication-time index.
 */
function filteredRowids(filters: SearchFilters): RawBuilder<{ key: number }> {
  if (filters.authorId) {
    return sql<{ key: number }>`
      select f.rowid as key from article_authors aa
      cross join articles f indexed by articles_search_filters on f.id = aa.article_id
      where aa.author_id = ${filters.authorId} and ${rowConditions('f', filters)}`;
  }
  return sql<{ key: number }>`select f.rowid as key from articles f where ${rowConditions('f', filters)}`;
}

/** A walked match passes the filters: its id, then the filter columns from the index by id. */
function eachPasses(filters: SearchFilters): RawBuilder<unknown> {
  const author = filters.authorId
    ? sql`and exists (select 1 from article_authors aa where aa.article_id = a.id and aa.author_id = ${filters.authorId})`
    : sql``;
  return sql`exists (select 1 from articles f indexed by articles_search_filters
    where f.id = a.id and ${rowConditions('f', filters)}) ${author}`;
}

/**
 * The lowest and highest rowid among the articles a date range lets through (null when none), read
 * from the publication-time index: articles are mostly written in the order they are published, so
 * a walk held between the two crosses little beyond the range, where it would otherwise first cross
 * every newer match.
 */
async function rowidBounds(db: Db, filters: SearchFilters): Promise<{ lo: number; hi: number } | null> {
  const { authorId: _, ...others } = filters;
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    select min(f.rowid) as lo, max(f.rowid) as hi from articles f where ${rowConditions('f', others)}`.execute(
    db,
  );
  const { lo, hi } = rows[0] ?? {};
  return lo == null || hi == null ? null : { lo, hi };
}

/** Walks the matches newest first, keeping those that pass `condition`. */
async function walk(
  db: Db,
  match: string,
  condition: RawBuilder<unknown> | null,
  size: number,
): Promise<WindowRow<number>[]> {
  // CROSS JOIN keeps the walk outermost, whatever SQLite guesses about the filters.
  const { rows } = await sql<WindowRow<number>>`
    select articles_search.rowid as key, a.headline, a.dek from articles_search
    cross join articles a on a.rowid = articles_search.rowid
    where articles_search match ${match} ${condition ? sql`and ${condition}` : sql``}
    order by articles_search.rowid desc
    limit ${size}`.execute(db);
  return rows;
}

/**
 * SQLite: the newest `size` matches (by rowid: articles are added in the order they are written),
 * newest first, with their headline and dek. Without filters FTS5 walks the index backwards and
 * stops there, however many match. With filters: if a word is rare (`termCounts`, each capped at
 * TERM_COUNT_CAP), every match is walked and checked. Otherwise by how many articles pass the
 * filters: up to SEEK_SHARE of the archive, they are looked up one by one, newest first, until the
 * window is full (a rare author, a narrow date range); up to GATHER_AT_MOST, their rowids are
 * gathered once and the walk keeps the matches among them; more, and each match walked is checked,
 * since the window then fills after a short walk (held between the rowids a date range spans).
 */
export async function sqliteSearchWindow(
  db: Db,
  terms: SearchTerms,
  filters: SearchFilters,
  size: number,
  termCounts: number[],
  plan: WindowPlan = {},
): Promise<WindowRow<number>[]> {
  const match = fts5Match(terms);
  if (!hasFilters(filters)) return walk(db, match, null, size);
  // A word with fewer than TERM_COUNT_CAP matches bounds the walk: every match can be checked.
  if (Math.min(...termCounts) < TERM_COUNT_CAP && plan.seekAtMost === undefined) {
    return walk(db, match, eachPasses(filters), size);
  }
  const seekAtMost = plan.seekAtMost ?? Math.ceil((await archiveSize(db)) * SEEK_SHARE);
  const gatherAtMost = plan.gatherAtMost ?? GATHER_AT_MOST;
  const { rows: few } = await sql<{ key: number }>`
    ${filteredRowids(filters)} limit ${seekAtMost + 1}`.execute(db);
  if (few.length <= seekAtMost) {
    const rowids = few.map((r) => r.key).sort((x, y) => y - x);
    return seekAmong(db, match, rowids, size);
  }
  const { rows: counted } = await sql<{ n: number }>`
    select count(*) as n from (${filteredRowids(filters)} limit ${gatherAtMost + 1})`.execute(db);
  const gathered = (counted[0]?.n ?? 0) <= gatherAtMost;
  // The unary + keeps SQLite from handing the set to FTS5 as rowid lookups (a seek each).
  if (gathered) return walk(db, match, sql`+articles_search.rowid in (${filteredRowids(filters)})`, size);
  if (!filters.from && !filters.until) return walk(db, match, eachPasses(filters), size);
  const bounds = await rowidBounds(db, filters);
  if (!bounds) return [];
  const within = sql`articles_search.rowid between ${bounds.lo} and ${bounds.hi} and ${eachPasses(filters)}`;
  return walk(db, match, within, size);
}

/** About how many articles the archive holds: the highest rowid, read from the end of the table. */
async function archiveSize(db: Db): Promise<number> {
  const { rows } = await sql<{ top: number | null }>`select max(rowid) as top from articles`.execute(db);
  return rows[0]?.top ?? 0;
}

/**
 * For tests: where the ways of finding filtered matches change (see sqliteSearchWindow). Setting
 * `seekAtMost` also turns off the walk that rare words take.
 */
export interface WindowPlan {
  seekAtMost?: number;
  gatherAtMost?: number;
}

/** The matches among known rowids (newest first), looked up in batches until `size` are found. */
async function seekAmong(
  db: Db,
  match: string,
  rowids: number[],
  size: number,
): Promise<WindowRow<number>[]> {
  const found: WindowRow<number>[] = [];
  for (let at = 0; at < rowids.length && found.length < size; at += SEEK_BATCH) {
    const batch = rowids.slice(at, at + SEEK_BATCH);
    // Without a unary +, SQLite hands each rowid to FTS5 as a lookup.
    const { rows } = await sql<WindowRow<number>>`
      select articles_search.rowid as key, a.headline, a.dek from articles_search
      cross join articles a on a.rowid = articles_search.rowid
      where articles_search match ${match}
        and articles_search.rowid in (select value from json_each(${JSON.stringify(batch)}))`.execute(db);
    found.push(...rows.sort((x, y) => y.key - x.key));
  }
  return found.slice(0, size);
}

/** Completions looked up for a prefix term; a prefix with more is left to FTS5 (see below). */
const MAX_COMPLETIONS = 50;

/**
 * SQLite: the indexed words each prefix term stands for ("harb*": harbour, harbours), read from
 * the index's vocabulary (articles_search_vocab, migration 0014). FTS5 answers a prefix by merging
 * the complete match lists of every such word before it returns a row (seconds for a common word
 * in a million articles, measured), once per query and once per rowid looked up; the same words
 * ORed are walked like any other term. A prefix with more than MAX_COMPLETIONS words is left to
 * FTS5, slow but exact.
 */
export async function sqliteExpandPrefixes(db: Db, terms: SearchTerms): Promise<SearchTerms> {
  if (!terms.prefixes.some(Boolean)) return terms;
  const completions: (string[] | null)[] = [];
  for (const [i, term] of terms.terms.entries()) {
    if (!terms.prefixes[i]) {
      completions.push(null);
      continue;
    }
    const start = term.normalize('NFC').toLowerCase();
    const last = start.codePointAt(start.length - 1) ?? 0;
    const end = `${start.slice(0, -String.fromCodePoint(last).length)}${String.fromCodePoint(last + 1)}`;
    const { rows } = await sql<{ term: string }>`
      select term from articles_search_vocab where term >= ${start} and term < ${end}
      limit ${MAX_COMPLETIONS + 1}`.execute(db);
    const words = rows.map((r) => r.term).filter(isTerm);
    completions.push(rows.length > MAX_COMPLETIONS ? null : words);
  }
  return { ...terms, completions };
}

/** SQLite: how many articles each term matches, counted up to TERM_COUNT_CAP, in one query. */
export async function sqliteTermCounts(db: Db, terms: SearchTerms): Promise<number[]> {
  const counts = terms.terms.map(
    (term, i) => sql`(select count(*) from (
      select 1 from articles_search
      where articles_search match ${fts5Match({
        ...terms,
        terms: [term],
        prefixes: [terms.prefixes[i] ?? false],
        completions: [terms.completions?.[i] ?? null],
      })}
      limit ${TERM_COUNT_CAP})) as ${sql.ref(`c${i}`)}`,
  );
  const { rows } = await sql<Record<string, number>>`select ${sql.join(counts)}`.execute(db);
  return terms.terms.map((_, i) => rows[0]?.[`c${i}`] ?? 0);
}

/**
 * SQLite: the page's articles with matched words marked (highlight, snippet), in no order. Each
 * row is looked up by rowid, so highlight() and snippet() run for the page's rows only, and an
 * old article costs no walk down to it.
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
      and articles_search.rowid in (select value from json_each(${JSON.stringify(keys)}))
      and a.status = 'published'`.execute(db);
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
