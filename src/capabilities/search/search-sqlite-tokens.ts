/**
 * The filter words that SQLite's search index holds beside each article's text (migration 0016,
 * which writes them; the formats here must stay the same as there), and the FTS5 expressions that
 * ask for them. Pure: no database.
 */

/** Starts every filter word: private use, so kept inside a word by the tokenizer and never typed. */
const MARK = '\uE010';
const HOUR_MS = 3_600_000;

const word = (kind: 's' | 'a' | 'y' | 'm' | 'd' | 'h', value: string) => `"${MARK}${kind}${value}"`;
/** Ids are UUIDs: the dashes would split the word. Anything else is a bug upstream. */
const idWord = (kind: 's' | 'a', id: string) => {
  const hex = id.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) throw new Error(`Not an id: ${JSON.stringify(id)}`);
  return word(kind, hex);
};
const any = (words: string[]) => (words.length === 1 ? (words[0] as string) : `(${words.join(' OR ')})`);

/** Any of the sections (a section and its subsections). */
export function sectionsMatch(sectionIds: readonly string[]): string {
  return any(sectionIds.map((id) => idWord('s', id)));
}

export function authorMatch(authorId: string): string {
  return idWord('a', authorId);
}

/**
 * The UTC hours an instant range [from, until) covers, as an FTS5 expression over the time words:
 * `whole` for the hours wholly inside it, and `edges` for the hours it covers only in part, at most
 * two (a time zone whose offset is not whole hours, as in India), whose articles must still be
 * checked one by one. Each word costs FTS5 a list to walk, so the hours are said in as few words as
 * can say them: whole years, months and days where they fit, and where it takes fewer, a larger span
 * less what lies outside the range ("March, not its first five hours": a day in New York).
 */
export function timeMatch(from: number, until: number): { whole: string | null; edges: string | null } {
  if (!(from < until)) return { whole: null, edges: null };
  const firstHour = Math.floor(from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.ceil(until / HOUR_MS) * HOUR_MS;
  const start = from === firstHour ? firstHour : firstHour + HOUR_MS;
  const end = until === lastHour ? lastHour : lastHour - HOUR_MS;
  const edges = new Set<number>();
  if (from !== firstHour) edges.add(firstHour);
  if (until !== lastHour) edges.add(lastHour - HOUR_MS);
  const edgeWords = [...edges].map((at) => word('h', digits(at)));
  return {
    whole: start < end ? wholeHours(start, end) : null,
    edges: edgeWords.length > 0 ? any(edgeWords) : null,
  };
}

/** [start, end) on whole hours: the fewest words, counting those of a larger span and its excess. */
function wholeHours(start: number, end: number): string {
  let inside = spanWords(start, end);
  let outside: string[] = [];
  for (const a of roundedOut(start, 'down')) {
    for (const b of roundedOut(end, 'up')) {
      const [all, excess] = [spanWords(a, b), [...spanWords(a, start), ...spanWords(end, b)]];
      if (all.length + excess.length < inside.length + outside.length) [inside, outside] = [all, excess];
    }
  }
  return outside.length > 0 ? `(${any(inside)} NOT ${any(outside)})` : any(inside);
}

/**
 * `at` and the UTC day, month and year boundaries around it: the starts of those it falls in
 * ('down'), or the ends of those it falls in, `at` itself when it is already one ('up').
 */
function roundedOut(at: number, way: 'down' | 'up'): number[] {
  const date = new Date(at);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  const starts = [Date.UTC(y, m, d), Date.UTC(y, m, 1), Date.UTC(y, 0, 1)];
  const ends = [Date.UTC(y, m, d + 1), Date.UTC(y, m + 1, 1), Date.UTC(y + 1, 0, 1)];
  const around = way === 'down' ? starts : ends.map((e, i) => (starts[i] === at ? at : e));
  return [...new Set([at, ...around])];
}

/** [start, end) on whole hours, greedily: whole years, then months, then days, then hours. */
function spanWords(start: number, end: number): string[] {
  const words: string[] = [];
  for (let at = start; at < end; ) {
    const date = new Date(at);
    const [y, m, d, h] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours()];
    const stamp = digits(at);
    const nextYear = Date.UTC(y + 1, 0, 1);
    const nextMonth = Date.UTC(y, m + 1, 1);
    const nextDay = Date.UTC(y, m, d + 1);
    if (m === 0 && d === 1 && h === 0 && nextYear <= end) {
      words.push(word('y', stamp.slice(0, 4)));
      at = nextYear;
    } else if (d === 1 && h === 0 && nextMonth <= end) {
      words.push(word('m', stamp.slice(0, 6)));
      at = nextMonth;
    } else if (h === 0 && nextDay <= end) {
      words.push(word('d', stamp.slice(0, 8)));
      at = nextDay;
    } else {
      words.push(word('h', stamp));
      at += HOUR_MS;
    }
  }
  return words;
}

/** YYYYMMDDHH in UTC, as the index's time words spell an hour. */
const digits = (at: number) => new Date(at).toISOString().slice(0, 13).replace(/[-T]/g, '');
