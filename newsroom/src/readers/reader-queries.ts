import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export interface ReaderSummary {
  id: string;
  email: string;
  displayName: string | null;
  emailVerifiedAt: string | null;
  createdAt: string;
}

export interface ConsentProof {
  entries: number;
  subjectHashes: string[];
}

export interface ReaderDetail extends ReaderSummary {
  hasPassword: boolean;
  newsletters: string[];
  updatedAt: string;
  sessions: {
    id: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    userAgent: string | null;
  }[];
  consentProof: ConsentProof;
}

interface LegalRef {
  documentId: string;
  kind: string;
  version: number;
  title: string;
}

export interface ReaderConsents {
  readerId: string;
  consents: (LegalRef & { acceptedAt: string; method: 'signup' | 'reconsent' })[];
  pending: LegalRef[];
}

/** Readers whose address contains `email`, newest first, a page at a time (GET /readers). */
export function useReaderSearch(email: string) {
  return useInfiniteQuery({
    queryKey: ['readers', email],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ email, limit: '25' });
      if (pageParam) query.set('cursor', pageParam);
      return api<{ readers: ReaderSummary[]; nextCursor: string | null }>(`/readers?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReader(id: string) {
  return useQuery({ queryKey: ['reader', id], queryFn: () => api<ReaderDetail>(`/readers/${id}`) });
}

export function useReaderConsents(id: string) {
  return useQuery({
    queryKey: ['reader', id, 'consents'],
    queryFn: () => api<ReaderConsents>(`/readers/${id}/consents`),
  });
}
