import { type SearchRequest, searchArticles } from '../src/capabilities/search/search-service.js';
import type { Db, Dialect } from '../src/platform/database/database.js';

/**
 * Searches for `npm run bench` to time over a generated archive (bench/generate.ts: headlines
 * "Council <word> plan for <word> district, story <n>", bodies from twenty common words, sections
 * "section-N/desk-M", authors "reporter-N"). A rare word, common words, a common word narrowed by
 * each kind of filter (each takes its own way on SQLite), a prefix, a deep page, and absurd input.
 * In that archive the common words are in every article, the worst case for a ranked search.
 */
export const searchBenchQueries: readonly { name: string; request: Omit<SearchRequest, 'timeZone'> }[] = [
  { name: 'rare term (one article)', request: { q: 'story 4242', page: 1 } },
  { name: 'headline words', request: { q: 'council harbour plan', page: 1 } },
  {
    name: 'common term, section + author + dates',
    request: {
      q: 'budget',
      section: 'section-3',
      author: 'reporter-7',
      from: '2024-01-01',
      to: '2025-12-31',
      page: 1,
    },
  },
  { name: 'common term, one section', request: { q: 'museum', section: 'section-1/desk-2', page: 1 } },
  { name: 'common term, section and its desks', request: { q: 'river', section: 'section-2', page: 1 } },
  { name: 'common term, one author', request: { q: 'budget', author: 'reporter-7', page: 1 } },
  {
    name: 'common term, two years',
    request: { q: 'harbour', from: '2020-01-01', to: '2021-12-31', page: 1 },
  },
  { name: 'two common terms', request: { q: 'harbour budget', page: 1 } },
  { name: 'prefix of a common term', request: { q: 'harb*', page: 1 } },
  { name: 'page 50', request: { q: 'river', page: 50 } },
  { name: 'absurd input', request: { q: `" OR 1=1 -- NEAR( * ${'x'.repeat(300)}`, page: 1 } },
];

export interface SearchTiming {
  name: string;
  total: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * Runs each bench query `rounds` times through the search service (no HTTP, no page cache) and
 * reports milliseconds per search. The first round warms caches and is not counted.
 */
export async function timeSearches(db: Db, dialect: Dialect, rounds = 20): Promise<SearchTiming[]> {
  const timings: SearchTiming[] = [];
  for (const { name, request } of searchBenchQueries) {
    const first = await searchArticles(db, dialect, request);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await searchArticles(db, dialect, request);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    timings.push({ name, total: first.total, p50: at(0.5), p95: at(0.95), max: times.at(-1) ?? 0 });
  }
  return timings;
}
