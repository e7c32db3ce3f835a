import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ArticlePage, Author, Section, Tag } from '../api/types';
import { articleListPath, type BudgetSearch } from './budget-search';

// Each query once, for its hook and for the budget's start (prefetchBudget). `early` requests go out before
// the session is confirmed: a 401 must not open the sign-in dialog (the sign-in page will show instead).
const sectionsQuery = (early = false) => ({
  queryKey: ['sections'],
  queryFn: () => api<{ sections: Section[] }>('/sections', { noReauth: early }).then((r) => r.sections),
  staleTime: 60_000,
});

const authorsQuery = (early = false) => ({
  queryKey: ['authors', 'all'],
  queryFn: () => api<{ authors: Author[] }>('/authors?limit=500', { noReauth: early }).then((r) => r.authors),
  staleTime: 60_000,
});

/**
 * A list that came in during the page's first seconds (prefetchBudget's) is fresh for as long: the budget's
 * first render uses it instead of asking again. Any later list is stale at once, as lists were before,
 * so coming back from the editor shows what was just saved.
 */
const START_MS = 5_000;
const freshFromStart = (query: { state: { dataUpdatedAt: number } }) =>
  query.state.dataUpdatedAt - performance.timeOrigin < START_MS ? START_MS : 0;

const articlePageQuery = (search: BudgetSearch, cursor: string | null, limit?: number, early = false) => ({
  queryKey: ['articles', search, cursor, limit],
  queryFn: () => api<ArticlePage>(articleListPath(search, cursor, limit), { noReauth: early }),
  staleTime: freshFromStart,
});

export function useSections() {
  return useQuery(sectionsQuery());
}

export function useStaffAuthors() {
  return useQuery(authorsQuery());
}

export function useArticlePage(search: BudgetSearch, cursor: string | null, limit?: number, enabled = true) {
  return useQuery({ ...articlePageQuery(search, cursor, limit), enabled });
}

/** The lists today's budget shows for everyone (TodaysBudget asks for the same keys). */
export const TODAYS_LISTS: BudgetSearch[] = [
  { status: 'in_review' },
  { status: 'scheduled' },
  { status: 'published' },
];
export const TODAYS_LIMIT = 50;

/**
 * Sends the budget's requests as the app starts, beside "who am I" instead of after it: on the budget's
 * own address, for someone signed in on this device before. It took the budget's opening from three
 * round trips to two (bench: npm run bench -- --only newsroom). The server answers by the session cookie,
 * so a list is never another person's.
 */
export function prefetchBudget(client: QueryClient): void {
  void client.prefetchQuery(sectionsQuery(true));
  void client.prefetchQuery(authorsQuery(true));
  for (const search of TODAYS_LISTS)
    void client.prefetchQuery(articlePageQuery(search, null, TODAYS_LIMIT, true));
}

/** Tags that start with what is typed (GET /tags?q=): the editor's Tags field and the budget's Tag filter. */
export function useTagSuggestions(typed: string) {
  const q = typed.trim();
  return useQuery({
    queryKey: ['tags', q],
    queryFn: () =>
      api<{ tags: Tag[] }>(`/tags?${new URLSearchParams({ q, limit: '10' })}`).then((r) => r.tags),
    enabled: q !== '',
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
