import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Media } from '../api/types';

/**
 * One photo of the library, with its files. `fresh` asks the server again on each opening (the photo
 * library's detail, whose "used in" list changes as articles take the photo); the editor's is kept 30 s.
 */
export function useMedia(id: string | null, fresh = false) {
  return useQuery({
    queryKey: ['media', id],
    queryFn: () => api<Media>(`/media/${id}`),
    enabled: id !== null,
    staleTime: fresh ? 0 : 30_000,
  });
}

/** The library, newest first, searched by caption, credit and creator (GET /media?q=). */
export function useMediaSearch(typed: string, limit = 24) {
  const q = typed.trim();
  return useQuery({
    queryKey: ['media-search', q, limit],
    queryFn: () =>
      api<{ items: Media[] }>(
        `/media?${new URLSearchParams({ ...(q ? { q } : {}), limit: String(limit) })}`,
      ).then((r) => r.items),
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
}
