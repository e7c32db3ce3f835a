import { describe, expect, it } from 'vitest';
import { authorMatch, sectionsMatch, timeMatch } from './search-sqlite-tokens.js';

const M = '\uE010';
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** The time words an article published in this hour holds (migration 0016's view). */
function hourWords(hour: number): Set<string> {
  const [y, m, d, h] = new Date(hour).toISOString().slice(0, 13).split(/[-T]/);
  return new Set([`y${y}`, `m${y}${m}`, `d${y}${m}${d}`, `h${y}${m}${d}${h}`].map((w) => `${M}${w}`));
}

/**
 * Whether an expression as timeMatch writes it (a word, words ORed, or one NOT another, each in
 * parentheses) matches an article with these words: a small reader of FTS5's syntax.
 */
function matches(expression: string, words: Set<string>): boolean {
  let at = 0;
  const read = (): boolean => {
    if (expression[at] === '"') {
      const close = expression.indexOf('"', at + 1);
      const word = expression.slice(at + 1, close);
      at = close + 1;
      return words.has(word);
    }
    expect(expression[at]).toBe('(');
    at += 1;
    let result = read();
    while (expression[at] === ' ') {
      const operator = expression.slice(at + 1, expression.indexOf(' ', at + 1));
      at += operator.length + 2;
      const next = read();
      result = operator === 'OR' ? result || next : result && !next;
    }
    expect(expression[at]).toBe(')');
    at += 1;
    return result;
  };
  const result = read();
  expect(at).toBe(expression.length);
  return result;
}

/** The expression's words, to count. */
const count = (expression: string | null) => (expression ? (expression.split('"').length - 1) / 2 : 0);

describe('SQLite filter words', () => {
  it('matches exactly the hours of a range, in few words, whole or part', () => {
    const ranges: [string, string, number][] = [
      // [from, until, at most this many words]
      ['2020-01-01T00:00:00Z', '2022-01-01T00:00:00Z', 2],
      ['2019-12-30T00:00:00Z', '2021-03-03T00:00:00Z', 7],
      ['2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z', 1],
      ['2024-02-28T00:00:00Z', '2024-03-01T00:00:00Z', 2],
      // A day in New York in winter; two days and two years in India (UTC+5:30).
      ['2021-01-15T05:00:00Z', '2021-01-16T05:00:00Z', 11],
      ['2020-12-31T18:30:00Z', '2021-01-02T18:30:00Z', 15],
      ['2019-12-31T18:30:00Z', '2021-12-31T18:30:00Z', 15],
      // June in London (UTC+1): the month less an hour, and the hour before it.
      ['2024-05-31T23:00:00Z', '2024-06-30T23:00:00Z', 3],
      ['2021-05-05T03:10:00Z', '2021-05-05T03:50:00Z', 1],
      ['2021-05-05T03:10:00Z', '2021-05-07T00:00:00Z', 7],
    ];
    for (const [fromIso, untilIso, most] of ranges) {
      const [from, until] = [at(fromIso), at(untilIso)];
      const { whole, edges } = timeMatch(from, until);
      expect(count(whole) + count(edges), `${fromIso} ${untilIso}`).toBeLessThanOrEqual(most);
      // Every hour from a day before to a day after: whole hours match `whole`, part ones `edges`.
      for (let hour = Math.floor(from / HOUR) * HOUR - 48 * HOUR; hour < until + 48 * HOUR; hour += HOUR) {
        const words = hourWords(hour);
        const inWhole = hour >= from && hour + HOUR <= until;
        const inPart = !inWhole && hour + HOUR > from && hour < until;
        expect(whole !== null && matches(whole, words), `${fromIso} ${new Date(hour).toISOString()}`).toBe(
          inWhole,
        );
        expect(edges !== null && matches(edges, words), `${fromIso} ${new Date(hour).toISOString()}`).toBe(
          inPart,
        );
      }
    }
    expect(timeMatch(at('2021-05-06T00:00:00Z'), at('2021-05-06T00:00:00Z'))).toEqual({
      whole: null,
      edges: null,
    });
  });

  it('says whole years, months and days as one word each', () => {
    expect(timeMatch(at('2020-01-01T00:00:00Z'), at('2022-01-01T00:00:00Z'))).toEqual({
      whole: `("${M}y2020" OR "${M}y2021")`,
      edges: null,
    });
    expect(timeMatch(at('2024-02-01T00:00:00Z'), at('2024-03-02T00:00:00Z')).whole).toBe(
      `("${M}m202402" OR "${M}d20240301")`,
    );
  });

  it('writes sections and authors as their ids without dashes, and refuses anything else', () => {
    const id = '01a21d95-bb04-7157-87d4-6d0843f11da8';
    expect(authorMatch(id)).toBe(`"${M}a01a21d95bb04715787d46d0843f11da8"`);
    expect(sectionsMatch([id, id.replace('01a2', '01a3')])).toBe(
      `("${M}s01a21d95bb04715787d46d0843f11da8" OR "${M}s01a31d95bb04715787d46d0843f11da8")`,
    );
    expect(() => authorMatch('x" OR "y')).toThrow();
  });
});
