import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Media, Tag } from '../api/types';

/** Tags that start with what is typed (GET /tags?q=), for the tag field's suggestions. */
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

/** One photo of the library, with its files. */
export function useMedia(id: string | null) {
  return useQuery({
    queryKey: ['media', id],
    queryFn: () => api<Media>(`/media/${id}`),
    enabled: id !== null,
    staleTime: 30_000,
  });
}

/** The library, newest first, searched by caption, credit and creator (GET /media?q=). */
export function useMediaSearch(typed: string) {
  const q = typed.trim();
  return useQuery({
    queryKey: ['media-search', q],
    queryFn: () =>
      api<{ items: Media[] }>(`/media?${new URLSearchParams({ ...(q ? { q } : {}), limit: '24' })}`).then(
        (r) => r.items,
      ),
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
}
