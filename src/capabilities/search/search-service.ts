import type { Db, Dialect } from '../../platform/database/database.js';
import { findBylines } from '../articles/index.js';
import { listSections, type SectionInTree } from '../sections/index.js';
import {
  dayStart,
  MAX_QUERY_CHARS,
  MAX_RANKED,
  MAX_TERMS,
  parseDay,
  relevance,
  SEARCH_PAGE_SIZE,
  type SearchTerms,
  type Segment,
  searchTerms,
  termWeight,
  toSegments,
} from './search.js';
import {
  type AuthorRef,
  findAuthorBySlug,
  postgresEstimateTerms,
  postgresSearchRows,
  postgresSearchWindow,
  postgresTermCounts,
  type SearchFilters,
  type SearchRow,
  type WindowRow,
} from './search-repository.js';
import {
  sqliteExpandPrefixes,
  sqliteRebuildIndex,
  sqliteSearchRows,
  sqliteSearchWindow,
  sqliteTermCounts,
} from './search-sqlite-repository.js';

/** What a reader asked for, as typed; every filter optional and checked here. */
export interface SearchRequest {
  q: string;
  /** A section path, "world/europe"; its subsections are included. */
  section?: string;
  /** An author's slug. */
  author?: string;
  /** Calendar days, YYYY-MM-DD, in `timeZone`; both inclusive. */
  from?: string;
  to?: string;
  /** 1-based. */
  page: number;
  /** The publication's time zone, for the days; UTC when not given. */
  timeZone?: string;
}

export interface SearchResultItem {
  id: string;
  slug: string;
  /** Text in segments, matched words marked; render each as text (never as HTML). */
  headline: Segment[];
  dek: Segment[];
  /** A passage of the body around the best match, with "…" where it is cut. */
  snippet: Segment[];
  section: { id: string; name: string; path: string } | null;
  publishedAt: string;
  firstPublishedAt: string;
  authors: AuthorRef[];
  bylineSuffix: string;
}

/** A filter or query part that was not used, and why, in words for the reader. */
export interface SearchNotice {
  field: 'q' | 'section' | 'author' | 'from' | 'to';
  message: string;
}

export interface SearchResults {
  /** The query as read (cut to MAX_QUERY_CHARS) and the terms searched for. */
  query: string;
  terms: string[];
  /** Matches ranked: all of them, or the newest MAX_RANKED when `more` match. */
  total: number;
  more: boolean;
  items: SearchResultItem[];
  page: number;
  /** 0 when nothing matched. A `page` beyond `pages` (other than 1) does not exist. */
  pages: number;
  pageSize: number;
  /** The filters actually applied; a bad one is null and explained in `notices`. */
  filters: {
    section: { id: string; name: string; path: string } | null;
    author: AuthorRef | null;
    from: string | null;
    to: string | null;
  };
  notices: SearchNotice[];
  /** Every section, in tree order: what the section filter can offer. */
  sections: SectionInTree[];
}

/**
 * Full-text search over published articles, ranked, on either database, with the same result
 * shape. Filters that do not make sense (an unknown section or author, a date that is not a day,
 * a start after the end) are left out with a notice rather than failing the search. A page past
 * the last comes back with no items and the caller decides (the reader page answers 404).
 * `limits.ranked` (default MAX_RANKED) is how many of the newest matches are ranked.
 */
export async function searchArticles(
  db: Db,
  dialect: Dialect,
  request: SearchRequest,
  limits: SearchLimits = {},
): Promise<SearchResults> {
  const maxRanked = limits.ranked ?? MAX_RANKED;
  const terms = searchTerms(request.q);
  const notices: SearchNotice[] = [];
  if (terms.cut) {
    notices.push({
      field: 'q',
      message: `Only the first ${MAX_QUERY_CHARS} characters and ${MAX_TERMS} words of a search are used.`,
    });
  }
  const filters: SearchFilters = {};
  const [sections, author] = await Promise.all([
    listSections(db),
    resolveAuthor(db, request.author, filters, notices),
  ]);
  const section = resolveSection(sections, request.section, filters, notices);
  const { from, to } = resolveDays(request, filters, notices);
  // In the order of the form's fields, whichever check finished first.
  notices.sort((a, b) => NOTICE_ORDER.indexOf(a.field) - NOTICE_ORDER.indexOf(b.field));

  const base = {
    query: terms.text,
    terms: terms.terms,
    page: request.page,
    pageSize: SEARCH_PAGE_SIZE,
    filters: { section, author, from, to },
    notices,
    sections,
  };
  if (terms.terms.length === 0) return { ...base, total: 0, more: false, items: [], pages: 0 };

  const found =
    dialect === 'sqlite'
      ? await rankedPage(db, ENGINES.sqlite, terms, filters, request.page, maxRanked)
      : await rankedPage(db, ENGINES.postgres, terms, filters, request.page, maxRanked);
  const { rows, ...counts } = found;
  return { ...base, ...counts, items: await toItems(db, rows, sections) };
}

export interface SearchLimits {
  ranked?: number;
}

const NOTICE_ORDER: SearchNotice['field'][] = ['q', 'section', 'author', 'from', 'to'];

/**
 * The newest `maxRanked` matches (one more, to learn whether there are more), ranked best first
 * (see FIELD_WEIGHT; the newer first on a tie), then the requested page's rows. A page past the
 * last reads nothing more.
 */
async function rankedPage<Key>(
  db: Db,
  engine: Engine<Key>,
  asked: SearchTerms,
  filters: SearchFilters,
  page: number,
  maxRanked: number,
): Promise<{ total: number; more: boolean; pages: number; rows: SearchRow<Key>[] }> {
  const terms = await engine.prepare(db, asked);
  // Independent of each other: on PostgreSQL they go on two pooled connections at once.
  const [counts, found] = await Promise.all([
    engine.termCounts(db, terms),
    engine.window(db, terms, filters, maxRanked + 1),
  ]);
  const window = found.slice(0, maxRanked);
  const total = window.length;
  const pages = Math.ceil(total / SEARCH_PAGE_SIZE);
  const more = found.length > maxRanked;
  if (page > Math.max(pages, 1)) return { total, more, pages, rows: [] };
  const weights = counts.map(termWeight);
  const start = (page - 1) * SEARCH_PAGE_SIZE;
  const keys = window
    .map((match, at) => ({ key: match.key, at, score: relevance(terms, weights, match.headline, match.dek) }))
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .slice(start, start + SEARCH_PAGE_SIZE)
    .map((match) => match.key);
  const byKey = new Map((await engine.rows(db, terms, keys)).map((row) => [row.key, row]));
  // An article unpublished since the window was read is left out rather than shown.
  return { total, more, pages, rows: keys.flatMap((key) => byKey.get(key) ?? []) };
}

/**
 * Each dialect's queries, named so a reader sees there are two sets: what the terms stand for, how
 * many articles each term matches (capped), the newest matches with their headline and dek (the
 * window), and a page's rows with matched words marked. Keys are SQLite rowids or PostgreSQL ids.
 */
interface Engine<Key> {
  /**
   * The terms as this engine searches them: SQLite looks up what each prefix stands for, PostgreSQL
   * reads how common each term is from its statistics.
   */
  prepare(db: Db, terms: SearchTerms): Promise<SearchTerms>;
  window(db: Db, terms: SearchTerms, filters: SearchFilters, size: number): Promise<WindowRow<Key>[]>;
  termCounts(db: Db, terms: SearchTerms): Promise<number[]>;
  rows(db: Db, terms: SearchTerms, keys: Key[]): Promise<SearchRow<Key>[]>;
}

const ENGINES = {
  sqlite: {
    prepare: sqliteExpandPrefixes,
    window: sqliteSearchWindow,
    termCounts: sqliteTermCounts,
    rows: sqliteSearchRows,
  },
  postgres: {
    prepare: postgresEstimateTerms,
    window: postgresSearchWindow,
    termCounts: postgresTermCounts,
    rows: postgresSearchRows,
  },
} as const satisfies { sqlite: Engine<number>; postgres: Engine<string> };

/**
 * Rebuilds the search index from the articles (SQLite only; PostgreSQL's index is a generated
 * column and cannot drift). For operators after a VACUUM or a restore from an old backup.
 */
export async function rebuildSearchIndex(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') await sqliteRebuildIndex(db);
}

function resolveSection(
  sections: SectionInTree[],
  path: string | undefined,
  filters: SearchFilters,
  notices: SearchNotice[],
): SearchResults['filters']['section'] {
  if (!path) return null;
  const found = sections.find((s) => s.path === path);
  if (!found) {
    notices.push({ field: 'section', message: 'There is no such section, so every section was searched.' });
    return null;
  }
  filters.sectionIds = sections
    .filter((s) => s.path === path || s.path.startsWith(`${path}/`))
    .map((s) => s.id);
  return { id: found.id, name: found.name, path: found.path };
}

async function resolveAuthor(
  db: Db,
  slug: string | undefined,
  filters: SearchFilters,
  notices: SearchNotice[],
): Promise<AuthorRef | null> {
  if (!slug) return null;
  // Slugs are short; a long value cannot be one and need not reach the database.
  const author = slug.length <= 200 ? await findAuthorBySlug(db, slug) : undefined;
  if (!author) {
    notices.push({
      field: 'author',
      message: 'There is no such author, so articles by anyone were searched.',
    });
    return null;
  }
  filters.authorId = author.id;
  return author;
}

function resolveDays(
  request: SearchRequest,
  filters: SearchFilters,
  notices: SearchNotice[],
): { from: string | null; to: string | null } {
  const timeZone = request.timeZone ?? 'UTC';
  const read = (field: 'from' | 'to') => {
    const raw = request[field];
    if (!raw) return null;
    const day = parseDay(raw);
    if (!day) {
      const label = field === 'from' ? 'start' : 'end';
      notices.push({
        field,
        message: `The ${label} date is not a date (use YYYY-MM-DD), so it was left out.`,
      });
    }
    return day ? { raw, day } : null;
  };
  const from = read('from');
  const to = read('to');
  if (from && to && from.raw > to.raw) {
    notices.push({
      field: 'to',
      message: 'The end date is before the start date, so the dates were left out.',
    });
    return { from: null, to: null };
  }
  if (from) filters.from = dayStart(from.day, timeZone);
  if (to) filters.until = dayStart(to.day, timeZone, 1);
  return { from: from?.raw ?? null, to: to?.raw ?? null };
}

async function toItems(
  db: Db,
  rows: SearchRow<unknown>[],
  sections: SectionInTree[],
): Promise<SearchResultItem[]> {
  const bylines = await findBylines(
    db,
    rows.map((r) => r.id),
  );
  const sectionById = new Map(sections.map((s) => [s.id, { id: s.id, name: s.name, path: s.path }]));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    headline: toSegments(row.headline_marked),
    dek: toSegments(row.dek_marked),
    snippet: toSegments(row.snippet_marked),
    section: (row.section_id && sectionById.get(row.section_id)) || null,
    // A published article always has both times; the fallbacks only satisfy the column types.
    publishedAt: row.published_at ?? row.first_published_at ?? '',
    firstPublishedAt: row.first_published_at ?? row.published_at ?? '',
    authors: bylines.get(row.id) ?? [],
    bylineSuffix: row.byline_suffix,
  }));
}
