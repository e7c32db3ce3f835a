/**
 * Search: what a reader's query means and how the results are marked. Pure domain: no database,
 * no HTTP. The reader's text never reaches FTS5 or tsquery syntax as typed: it becomes a short
 * list of terms made only of letters, combining marks and digits, and each engine's query is
 * written from those terms alone.
 */

/** Results on one page. */
export const SEARCH_PAGE_SIZE = 20;
/**
 * Matches a search ranks and pages through: when more match, the newest this many ("more than
 * 1,000 results"). Ranking every match of a common word in a million articles takes seconds on
 * either database; newest first is how a newspaper's readers weigh an archive anyway, and filters
 * reach further back.
 */
export const MAX_RANKED = 1000;
/**
 * How a window of matches is ranked. Each term found in an article's headline counts FIELD_WEIGHT
 * .headline times the term's weight; found in the dek (and not the headline), .dek times; found
 * only in the body, .body times. A term's weight falls with the number of articles it matches,
 * counted up to TERM_COUNT_CAP: in "harbour strike", an article with the rarer word in its headline
 * comes first. Ties go to the newer article. Not bm25: its word statistics cost a pass over every
 * match of every word on each search, a tenth of a second per common word in a million articles.
 */
export const FIELD_WEIGHT = { headline: 10, dek: 4, body: 1 } as const;
export const TERM_COUNT_CAP = 5000;

/** A term's weight from the number of articles it matches (capped): the rarer, the heavier. */
export function termWeight(matches: number): number {
  return Math.log(1 + TERM_COUNT_CAP / Math.max(matches, 1));
}

/** An article's relevance to the terms (see FIELD_WEIGHT), from its headline and dek. */
export function relevance(
  terms: Pick<SearchTerms, 'terms' | 'prefixes'>,
  weights: readonly number[],
  headline: string,
  dek: string,
): number {
  // Ranked for each of up to MAX_RANKED matches on every search page: the text is lowered once per
  // field, and a term is looked for where it occurs rather than by splitting the text into words.
  const inHeadline = headline.normalize('NFC').toLowerCase();
  let inDek: string | undefined;
  let score = 0;
  terms.terms.forEach((term, i) => {
    const key = term.normalize('NFC').toLowerCase();
    const prefix = terms.prefixes[i] ?? false;
    let field: keyof typeof FIELD_WEIGHT = 'body';
    if (hasWord(inHeadline, key, prefix)) field = 'headline';
    else {
      inDek ??= dek.normalize('NFC').toLowerCase();
      if (hasWord(inDek, key, prefix)) field = 'dek';
    }
    score += FIELD_WEIGHT[field] * (weights[i] ?? 1);
  });
  return score;
}

/**
 * Whether lowered text holds `key` as one of its words as the engines index them (runs of letters,
 * marks and digits), or, for a prefix, at the start of one: an occurrence with no word character
 * just before it (and, for a whole word, none just after).
 */
function hasWord(text: string, key: string, prefix: boolean): boolean {
  if (key === '') return false;
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
    if (at > 0 && WORD_CHAR.test(characterBefore(text, at))) continue;
    const end = at + key.length;
    if (!prefix && end < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(end)!)))
      continue;
    return true;
  }
  return false;
}

/** The whole character that ends just before `at` (both halves of a surrogate pair). */
function characterBefore(text: string, at: number): string {
  const last = text.charCodeAt(at - 1);
  const pair = at > 1 && last >= 0xdc00 && last <= 0xdfff;
  return text.slice(pair ? at - 2 : at - 1, at);
}

/** Characters of a query that are read; the rest is ignored. */
export const MAX_QUERY_CHARS = 200;
/** Terms of a query that are searched for; a longer query is cut here. */
export const MAX_TERMS = 12;
/**
 * A term the reader ends with `*` ("elect*") also matches longer words that start with it, from
 * this length. A prefix query costs in proportion to every article holding a word with that prefix
 * (FTS5 and GIN both gather them all before anything is ranked), so it is the reader's explicit
 * choice, and a one- or two-letter prefix, which would match most of the archive, is a whole word.
 */
export const MIN_PREFIX_CHARS = 3;

/** Marks the engines put around a matched word. Private-use characters, so article text never holds them. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

export interface SearchTerms {
  /** The query as read: trimmed, its first MAX_QUERY_CHARS characters. */
  text: string;
  terms: string[];
  /** For each term: it also matches longer words that start with it. */
  prefixes: boolean[];
  /** Part of the query was left out: it was longer than MAX_QUERY_CHARS or had more than MAX_TERMS words. */
  cut: boolean;
  /**
   * For each prefix term, the indexed words it stands for, when the engine looked them up (SQLite
   * does: see sqliteExpandPrefixes); null or absent leaves the prefix to the engine.
   */
  completions?: (string[] | null)[];
  /** PostgreSQL only: what its statistics say of the terms (see postgresEstimateTerms). */
  estimates?: TermEstimates;
}

/** About how common each term is, from PostgreSQL's column statistics; no article row is read. */
export interface TermEstimates {
  /** How many articles the statistics were taken over (0 before the table was first analyzed). */
  articles: number;
  /** For each term, about how many articles hold it; 0 for a word outside the few hundred commonest. */
  holding: number[];
}

/**
 * A term estimated to be in at least this many articles is taken to match TERM_COUNT_CAP of them
 * without counting (PostgreSQL). Twice the cap, so an estimate off by half still errs on the safe
 * side: a term's weight is the same for every count from the cap up.
 */
export const COMMON_TERM_ESTIMATE = 2 * TERM_COUNT_CAP;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const TERM = /^[\p{L}\p{M}\p{N}]+$/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * The terms of a reader's query: runs of letters, combining marks and digits, in order, without
 * repeats (compared case-insensitively), at most MAX_TERMS of them from the first MAX_QUERY_CHARS
 * characters. Punctuation, operators, quotes and symbols separate terms and are otherwise dropped,
 * so `" OR 1=1 --` is the terms OR and 1, and `NEAR(` is the word NEAR. The one piece of syntax
 * read is a `*` right after a term of MIN_PREFIX_CHARS or more: that term is a prefix.
 */
export function searchTerms(query: string): SearchTerms {
  const trimmed = query.trim();
  // Whole characters, never half a surrogate pair; slicing code units first keeps a huge query cheap.
  const chars = [...trimmed.slice(0, MAX_QUERY_CHARS * 2 + 2)];
  const text = chars.slice(0, MAX_QUERY_CHARS).join('').trimEnd();
  const normal = text.normalize('NFC');
  let cut = chars.length > MAX_QUERY_CHARS;
  const seen = new Set<string>();
  const terms: string[] = [];
  const prefixes: boolean[] = [];
  for (const match of normal.matchAll(WORD)) {
    const word = match[0];
    if (!HAS_LETTER_OR_DIGIT.test(word)) continue;
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    if (terms.length === MAX_TERMS) {
      cut = true;
      break;
    }
    seen.add(key);
    terms.push(word);
    prefixes.push(normal[match.index + word.length] === '*' && [...word].length >= MIN_PREFIX_CHARS);
  }
  return { text, terms, prefixes, cut };
}

/**
 * An FTS5 MATCH expression: every term as a quoted string (so AND, OR, NEAR, `*`, `^` and column
 * names inside it are plain words), implicitly ANDed, a prefix term followed by `*`, or, when its
 * completions are known, those words ORed.
 */
export function fts5Match({ terms, prefixes, completions }: SearchTerms): string {
  const quote = (term: string) => `"${checkedTerm(term).replaceAll('"', '""')}"`;
  let grouped = false;
  const parts = terms.map((term, i) => {
    const words = completions?.[i];
    if (prefixes[i] && words && words.length > 0) {
      grouped = true;
      return `(${words.map(quote).join(' OR ')})`;
    }
    return prefixes[i] ? `${quote(term)}*` : quote(term);
  });
  // FTS5 reads "a" "b" as a AND b, but needs the AND spelled out beside a parenthesised group.
  return parts.join(grouped ? ' AND ' : ' ');
}

/**
 * A PostgreSQL to_tsquery text meaning the same as fts5Match: each term a quoted lexeme, ANDed,
 * a prefix term with `:*`. plainto_tsquery cannot say "prefix", so the text is written here from
 * terms that by construction hold no quote, backslash, space or operator.
 */
export function tsQueryText({ terms, prefixes }: SearchTerms): string {
  return terms
    .map((term, i) => {
      const quoted = `'${checkedTerm(term).replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
      return prefixes[i] ? `${quoted}:*` : quoted;
    })
    .join(' & ');
}

/** A second line of defence: a term that is not only letters, marks and digits is a bug upstream. */
export function isTerm(word: string): boolean {
  return TERM.test(word);
}

function checkedTerm(term: string): string {
  if (!TERM.test(term)) throw new Error(`Not a search term: ${JSON.stringify(term)}`);
  return term;
}

/** A piece of text, marked when it is a word the reader searched for. Pages escape every piece. */
export interface Segment {
  text: string;
  match: boolean;
}

/**
 * Splits text the engine marked with MATCH_START/MATCH_END into segments. Adjacent pieces of the
 * same kind are joined; a stray or unbalanced mark is dropped rather than trusted.
 */
export function toSegments(marked: string): Segment[] {
  const segments: Segment[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      match = char === MATCH_START;
    } else {
      text += char;
    }
  }
  flush();
  return segments;
}

/** The plain text of segments. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

export const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as typed in a date field, "2026-11-16"; null when it is not a real day. */
export function parseDay(raw: string): { year: number; month: number; day: number } | null {
  const m = DAY.exec(raw);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/**
 * The instant a calendar day begins in a time zone, as ISO UTC. `days` moves to a later day first
 * (1 gives the end of the day, exclusive). Found by asking Intl the zone's offset at that moment,
 * twice, so a day that begins just after a daylight-saving change comes out right.
 */
export function dayStart(
  day: { year: number; month: number; day: number },
  timeZone: string,
  days = 0,
): string {
  const wall = Date.UTC(day.year, day.month - 1, day.day + days);
  let at = wall - zoneOffset(timeZone, wall);
  at = wall - zoneOffset(timeZone, at);
  return new Date(at).toISOString();
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's wall clock is ahead of UTC at `utc`; UTC itself for an unknown zone. */
function zoneOffset(timeZone: string, utc: number): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return 0;
    }
    offsetFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(utc / 1000) * 1000;
}

const PAGE_NUMBER = /^[1-9][0-9]{0,4}$/;

/**
 * The results page a reader asked for: absent is 1; a whole number up to 99,999 is itself;
 * anything else (abc, 0, -1, 1.5, empty) is null, a page that does not exist.
 */
export function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  return PAGE_NUMBER.test(raw) ? Number(raw) : null;
}
