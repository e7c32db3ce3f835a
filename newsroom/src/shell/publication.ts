import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Publication } from '../api/types';

/** The paper's name, locale, time zone and wall (GET /publication: every staff member may read it). */
export function usePublication(enabled = true) {
  return useQuery({
    queryKey: ['publication'],
    enabled,
    queryFn: () => api<Publication>('/publication'),
    staleTime: 300_000,
  });
}

/**
 * The paper's time zone: every time the app shows or takes is on the paper's clocks, whoever reads it and
 * wherever their computer is. UTC until the answer comes (the shell asks for it at sign-in, before any screen
 * that shows a time has its own data).
 */
export function usePaperTimeZone(): string {
  return usePublication().data?.timeZone ?? 'UTC';
}
