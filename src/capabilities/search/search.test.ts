import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayStart,
  FIELD_WEIGHT,
  fts5Match,
  MATCH_END,
  MATCH_START,
  MAX_QUERY_CHARS,
  MAX_TERMS,
  parseDay,
  parsePage,
  relevance,
  searchTerms,
  toSegments,
  tsQueryText,
} from './search.js';

describe('searchTerms', () => {
  it('keeps runs of letters, marks and digits, in order, once each', () => {
    expect(searchTerms('  Harbour strike, harbour STRIKE 2026! ')).toEqual({
      text: 'Harbour strike, harbour STRIKE 2026!',
      terms: ['Harbour', 'strike', '2026'],
      prefixes: [false, false, false],
      cut: false,
    });
    expect(searchTerms('हिन्दी مَرْحَبًا Zürich 東京').terms).toEqual(['हिन्दी', 'مَرْحَبًا', 'Zürich', '東京']);
  });

  it('turns query syntax of either engine into plain words', () => {
    expect(searchTerms('" OR 1=1 --').terms).toEqual(['OR', '1']);
    expect(searchTerms('NEAR(a b, 2)').terms).toEqual(['NEAR', 'a', 'b', '2']);
    expect(searchTerms("headline:x* ^y 'z':* !w & v | u <-> t").terms).toEqual([
      'headline',
      'x',
      'y',
      'z',
      'w',
      'v',
      'u',
      't',
    ]);
    for (const q of ['', '   ', '*', '"', '!!!???', '😀🎉', '\u0301\u0301', '\u202E\u202C', '\uE000\uE001']) {
      expect(searchTerms(q).terms, JSON.stringify(q)).toEqual([]);
    }
  });

  it('makes a term ending in * a prefix, from three characters', () => {
    expect(searchTerms('elect* vote').prefixes).toEqual([true, false]);
    expect(searchTerms('elect vote*').prefixes).toEqual([false, true]);
    expect(searchTerms('elect *vote').prefixes).toEqual([false, false]);
    expect(searchTerms('el* 東京都*').prefixes).toEqual([false, true]);
    expect(searchTerms('*').terms).toEqual([]);
    // The first spelling of a repeated term decides.
    expect(searchTerms('vote vote*').prefixes).toEqual([false]);
  });

  it('reads at most MAX_QUERY_CHARS characters and MAX_TERMS terms, and says when it cut', () => {
    const long = searchTerms('x'.repeat(10_000));
    expect(long.text).toHaveLength(MAX_QUERY_CHARS);
    expect(long.cut).toBe(true);
    const many = searchTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '));
    expect(many.terms).toHaveLength(MAX_TERMS);
    expect(many.terms.at(-1)).toBe('w11');
    expect(many.cut).toBe(true);
    expect(searchTerms('a '.repeat(50)).cut).toBe(false);
    // Never half a surrogate pair at the cut.
    const emoji = searchTerms('😀'.repeat(300));
    expect([...emoji.text]).toHaveLength(MAX_QUERY_CHARS);
    expect(emoji.text.endsWith('😀')).toBe(true);
  });
});

describe('engine queries from terms', () => {
  it('quotes every term for FTS5, a prefix with *', () => {
    expect(fts5Match(searchTerms('OR* near 1=1 harb*'))).toBe('"OR" "near" "1" "harb"*');
    expect(fts5Match(searchTerms('el*'))).toBe('"el"');
    // Known completions of a prefix are searched as those words, ORed.
    const harb = { ...searchTerms('harb* strike'), completions: [['harbour', 'harbours'], null] };
    expect(fts5Match(harb)).toBe('("harbour" OR "harbours") AND "strike"');
    expect(fts5Match({ ...harb, completions: [[], null] })).toBe('"harb"* "strike"');
  });

  it('quotes every lexeme for to_tsquery, ANDed, a prefix with :*', () => {
    expect(tsQueryText(searchTerms('near* OR 1=1 harb'))).toBe("'near':* & 'OR' & '1' & 'harb'");
  });

  it('refuses a term that is not letters, marks and digits', () => {
    expect(() => fts5Match({ text: '', terms: ['a"b'], prefixes: [false], cut: false })).toThrow();
    expect(() => tsQueryText({ text: '', terms: ["a'b"], prefixes: [false], cut: false })).toThrow();
    expect(() => tsQueryText({ text: '', terms: ['a b'], prefixes: [false], cut: false })).toThrow();
  });
});

describe('toSegments', () => {
  const m = (s: string) => s.replaceAll('[', MATCH_START).replaceAll(']', MATCH_END);

  it('splits marked text into plain and matched pieces', () => {
    expect(toSegments(m('The [harbour] and the [Harbour] board'))).toEqual([
      { text: 'The ', match: false },
      { text: 'harbour', match: true },
      { text: ' and the ', match: false },
      { text: 'Harbour', match: true },
      { text: ' board', match: false },
    ]);
    expect(toSegments('')).toEqual([]);
    expect(toSegments('<b>&amp;</b>')).toEqual([{ text: '<b>&amp;</b>', match: false }]);
  });

  it('joins neighbours of a kind and drops stray marks', () => {
    expect(toSegments(m('[a][b] c'))).toEqual([
      { text: 'ab', match: true },
      { text: ' c', match: false },
    ]);
    expect(toSegments(m('a]b[c'))).toEqual([
      { text: 'ab', match: false },
      { text: 'c', match: true },
    ]);
  });
});

describe('days and pages', () => {
  it('reads real calendar days only', () => {
    expect(parseDay('2026-03-01')).toEqual({ year: 2026, month: 3, day: 1 });
    expect(parseDay('2024-02-29')).not.toBeNull();
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '0999-01-01',
      '2026-1-1',
      '2026-01-01T00:00',
      'today',
      '',
    ]) {
      expect(parseDay(bad), bad).toBeNull();
    }
  });

  it('finds the start of a day in a time zone, across daylight-saving changes', () => {
    const day = (s: string) => parseDay(s)!;
    expect(dayStart(day('2026-03-01'), 'UTC')).toBe('2026-03-01T00:00:00.000Z');
    expect(dayStart(day('2026-03-01'), 'UTC', 1)).toBe('2026-03-02T00:00:00.000Z');
    expect(dayStart(day('2026-01-15'), 'America/New_York')).toBe('2026-01-15T05:00:00.000Z');
    expect(dayStart(day('2026-07-15'), 'America/New_York')).toBe('2026-07-15T04:00:00.000Z');
    // The day clocks go forward in New York (8 March 2026) and back in Paris (25 October 2026).
    expect(dayStart(day('2026-03-08'), 'America/New_York', 1)).toBe('2026-03-09T04:00:00.000Z');
    expect(dayStart(day('2026-10-25'), 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(dayStart(day('2026-10-25'), 'Europe/Paris', 1)).toBe('2026-10-25T23:00:00.000Z');
    expect(dayStart(day('2026-03-01'), 'Asia/Kolkata')).toBe('2026-02-28T18:30:00.000Z');
    expect(dayStart(day('2026-03-01'), 'Not/AZone')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('reads page numbers, refusing anything that is not one', () => {
    expect(parsePage(undefined)).toBe(1);
    expect(parsePage('7')).toBe(7);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3', '100000', ' 2'])
      expect(parsePage(bad), bad).toBeNull();
  });
});

describe('relevance', () => {
  /** The definition: the field's words as the engines index them, compared whole or by their start. */
  function byWords(terms: string[], prefixes: boolean[], weights: number[], headline: string, dek: string) {
    const words = (text: string) =>
      (
        text
          .normalize('NFC')
          .toLowerCase()
          .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
      ).filter((w) => /[\p{L}\p{N}]/u.test(w));
    const [inHeadline, inDek] = [words(headline), words(dek)];
    return terms.reduce((score, term, i) => {
      const key = term.normalize('NFC').toLowerCase();
      const found = (ws: string[]) => (prefixes[i] ? ws.some((w) => w.startsWith(key)) : ws.includes(key));
      const field = found(inHeadline) ? 'headline' : found(inDek) ? 'dek' : 'body';
      return score + FIELD_WEIGHT[field] * (weights[i] ?? 1);
    }, 0);
  }

  it('weighs a term by the first field that holds it as a word, or as the start of one for a prefix', () => {
    const terms = { terms: ['harbour', 'strike'], prefixes: [false, false] };
    expect(relevance(terms, [1, 2], 'Harbour workers vote', 'A strike looms')).toBe(10 * 1 + 4 * 2);
    expect(relevance(terms, [1, 1], 'Harbours and strikers', 'Nothing here')).toBe(1 + 1);
    expect(
      relevance({ terms: ['harb', 'strik'], prefixes: [true, true] }, [1, 1], 'Harbours', 'strikers'),
    ).toBe(10 + 4);
    // Inside a word is not the start of it; a combining mark is part of the word (e + U+0301).
    expect(relevance({ terms: ['bour'], prefixes: [true] }, [1], 'Harbour', '')).toBe(1);
    expect(relevance({ terms: ['cafe'], prefixes: [false] }, [1], 'Cafe\u0301 owners', 'cafe')).toBe(4);
  });

  it('agrees with splitting the text into words, for any text and terms', () => {
    const alphabet = fc.constantFrom(...'aAbé\u0301 ı-İ.1ß𝔸x '.split(''), 'e\u0301', '𝔸', 'ǅ');
    const text = fc.array(alphabet, { maxLength: 24 }).map((cs) => cs.join(''));
    const term = fc
      .array(fc.constantFrom('a', 'b', 'é', 'x', '1', 'ß', '𝔸', 'e\u0301', 'ı', 'ǅ'), {
        minLength: 1,
        maxLength: 3,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(term, fc.boolean()), { minLength: 1, maxLength: 3 }),
        text,
        text,
        (asked, headline, dek) => {
          const terms = asked.map(([t]) => t);
          const prefixes = asked.map(([, p]) => p);
          const weights = asked.map((_, i) => i + 1);
          expect(relevance({ terms, prefixes }, weights, headline, dek)).toBe(
            byWords(terms, prefixes, weights, headline, dek),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
