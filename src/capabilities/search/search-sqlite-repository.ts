import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { fts5Match, isTerm, MATCH_END, MATCH_START, type SearchTerms, TERM_COUNT_CAP } from './search.js';
import { type SearchFilters, type SearchRow, SNIPPET_WORDS, type WindowRow } from './search-repository.js';
import { authorMatch, sectionsMatch, timeMatch } from './search-sqlite-tokens.js';
import { indexedWordsBetween } from './search-sqlite-words.js';

/**
 * Search on SQLite (FTS5). FTS5 walks a word's matches newest first at well under a microsecond
 * each, but a lookup of one rowid costs tens of microseconds (it opens every index segment), and
 * bm25() counts every match of every word before it scores a single row (measured: 7-19 ms per
 * common word at 100,000 articles, ten times that at a million). So nothing here calls bm25():
 * the service ranks the window from its headlines and deks and each word's capped count. Filters
 * are words in the index (migration 0016, search-sqlite-tokens.ts), so a filtered search is one
 * MATCH that FTS5 answers by merging lists, newest first, and stops when the window is full.
 */

/** Walks the matches of an FTS5 expression newest first, keeping those that pass `condition`. */
async function walk(
  db: Db,
  match: string,
  condition: RawBuilder<unknown> | null,
  size: number,
): Promise<WindowRow<number>[]> {
  // CROSS JOIN keeps the walk outermost: the index gives the order, the row only the text.
  const { rows } = await sql<WindowRow<number>>`
    select articles_search.rowid as key, a.headline, a.dek from articles_search
    cross join articles a on a.rowid = articles_search.rowid
    where articles_search match ${match} ${condition ? sql`and ${condition}` : sql``}
    order by articles_search.rowid desc
    limit ${size}`.execute(db);
  return rows;
}

/**
 * SQLite: the newest `size` matches that pass the filters (by rowid: articles are added in the
 * order they are written), newest first, with their headline and dek. The section and author are
 * words ANDed to the terms, and so are dates, as the words of the UTC years, months, days and hours
 * they cover; an hour a range covers only in part (a time zone whose offset is not whole hours) is
 * searched apart, its matches checked against the exact times, and the two lists merged.
 */
export async function sqliteSearchWindow(
  db: Db,
  terms: SearchTerms,
  filters: SearchFilters,
  size: number,
): Promise<WindowRow<number>[]> {
  const parts = [`(${fts5Match(terms)})`];
  if (filters.sectionIds) parts.push(sectionsMatch(filters.sectionIds));
  if (filters.authorId) parts.push(authorMatch(filters.authorId));
  if (!filters.from && !filters.until) return walk(db, parts.join(' AND '), null, size);

  const span = await dateSpan(db, filters);
  if (!span) return [];
  const { whole, edges } = timeMatch(span.from, span.until);
  const found: WindowRow<number>[] = [];
  if (whole) found.push(...(await walk(db, [...parts, whole].join(' AND '), null, size)));
  if (edges) {
    const exact = sql.join(
      [
        ...(filters.from ? [sql`a.published_at >= ${filters.from}`] : []),
        ...(filters.until ? [sql`a.published_at < ${filters.until}`] : []),
      ],
      sql` and `,
    );
    found.push(...(await walk(db, [...parts, edges].join(' AND '), exact, size)));
  }
  return found.sort((x, y) => y.key - x.key).slice(0, size);
}

/**
 * The instants a date filter spans. An open end is taken to the start of the first, or the end of
 * the last, year anything was published in (two probes of the publication-time index); null when
 * nothing is published.
 */
async function dateSpan(db: Db, filters: SearchFilters): Promise<{ from: number; until: number } | null> {
  if (filters.from && filters.until)
    return { from: Date.parse(filters.from), until: Date.parse(filters.until) };
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    select (select min(published_at) from articles where status = 'published') as first,
      (select max(published_at) from articles where status = 'published') as last`.execute(db);
  const { first, last } = rows[0] ?? {};
  if (!first || !last) return null;
  const from = filters.from ? Date.parse(filters.from) : Date.UTC(new Date(first).getUTCFullYear(), 0, 1);
  const until = filters.until
    ? Date.parse(filters.until)
    : Date.UTC(new Date(last).getUTCFullYear() + 1, 0, 1);
  return { from, until };
}

/** Completions looked up for a prefix term; a prefix with more is left to FTS5 (see below). */
const MAX_COMPLETIONS = 50;

/**
 * SQLite: the indexed words each prefix term stands for ("harb*": harbour, harbours), read from
 * the index's pages (search-sqlite-words.ts). FTS5 answers a prefix by merging the complete match
 * lists of every such word before it returns a row (half a second to a second for a common word
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
    const words = await indexedWordsBetween(db, start, end, MAX_COMPLETIONS);
    completions.push(words ? words.filter(isTerm) : null);
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
 * SQLite: rebuilds the index from its content, the published articles with their filter words
 * (migration 0016's view). The triggers keep it in step; this is for after something that may
 * renumber rowids (SQLite allows VACUUM to, for tables like `articles` whose key is not an
 * integer). PostgreSQL's generated column cannot drift and needs no rebuild.
 */
export async function sqliteRebuildIndex(db: Db): Promise<void> {
  await sql`insert into articles_search (articles_search) values ('rebuild')`.execute(db);
}
