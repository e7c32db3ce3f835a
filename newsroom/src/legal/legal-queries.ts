import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export type LegalKind = 'terms' | 'privacy';

export interface LegalVersion {
  id: string;
  kind: LegalKind;
  version: number;
  title: string;
  summaryOfChanges: string;
  requiresAcceptance: boolean;
  effectiveAt: string;
  publishedAt: string;
  publishedBy: string;
  status: 'current' | 'scheduled' | 'superseded';
}

export interface LegalDocument extends LegalVersion {
  body: string;
}

export interface LegalOverview {
  documents: {
    kind: LegalKind;
    name: string;
    current: LegalVersion | null;
    scheduled: LegalVersion | null;
    versionCount: number;
  }[];
}

export function useLegalOverview() {
  return useQuery({ queryKey: ['legal'], queryFn: () => api<LegalOverview>('/legal') });
}

export function useLegalVersions(kind: LegalKind) {
  return useQuery({
    queryKey: ['legal', kind, 'versions'],
    queryFn: async () => (await api<{ versions: LegalVersion[] }>(`/legal/${kind}/versions`)).versions,
  });
}

export function useLegalVersion(kind: LegalKind, version: number | null) {
  return useQuery({
    queryKey: ['legal', kind, version],
    enabled: version !== null,
    queryFn: () => api<LegalDocument>(`/legal/${kind}/versions/${version}`),
  });
}

/**
 * What publishing asks of readers, said before and after (issue 16); `from` is the effective time as staff
 * read it, for a version that waits for it (null: in force when published).
 */
export function whatReadersAreAsked(requiresAcceptance: boolean, from: string | null = null): string {
  if (from !== null) {
    return requiresAcceptance
      ? `It takes effect ${from}, not before. From then, signed-in readers will be asked to accept it at their next page, and new readers accept it when they sign up.`
      : `It takes effect ${from}, not before. Signed-in readers are not asked again; new readers accept it when they sign up.`;
  }
  return requiresAcceptance
    ? 'Signed-in readers will be asked to accept it at their next page, before they read on. New readers accept it when they sign up.'
    : 'It becomes current at once. Signed-in readers are not asked again; new readers accept it when they sign up.';
}
