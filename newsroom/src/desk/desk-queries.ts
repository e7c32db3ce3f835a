import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ArticlePage, Author, Section } from '../api/types';
import { articleListPath, type BudgetSearch } from './budget-search';

export function useSections() {
  return useQuery({
    queryKey: ['sections'],
    queryFn: () => api<{ sections: Section[] }>('/sections').then((r) => r.sections),
    staleTime: 60_000,
  });
}

export function useStaffAuthors() {
  return useQuery({
    queryKey: ['authors', 'all'],
    queryFn: () => api<{ authors: Author[] }>('/authors?limit=500').then((r) => r.authors),
    staleTime: 60_000,
  });
}

export function useArticlePage(search: BudgetSearch, cursor: string | null, limit?: number, enabled = true) {
  return useQuery({
    queryKey: ['articles', search, cursor, limit],
    queryFn: () => api<ArticlePage>(articleListPath(search, cursor, limit)),
    enabled,
  });
}
