import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ArticleStatus } from '../api/types';

/** The front page shows the first this many published picks (the server's TOP_STORIES). */
export const TOP_STORIES = 5;
/** At most this many picks are kept (the server's MAX_PICKS). */
export const MAX_PICKS = 12;

/** One pick of the top stories, as GET /front-page gives it. */
export interface FrontPagePick {
  articleId: string;
  headline: string;
  status: ArticleStatus;
  publishedAt: string | null;
  scheduledAt: string | null;
  showsNow: boolean;
}

/** The top stories in the editors' order (GET /front-page). */
export interface FrontPage {
  revision: number;
  updatedAt: string | null;
  updatedBy: { staffId: string | null; name: string } | null;
  picks: FrontPagePick[];
}

export function useFrontPage() {
  return useQuery({ queryKey: ['front-page'], queryFn: () => api<FrontPage>('/front-page') });
}

/** Saves the order (PUT /front-page) from the revision it was based on; a stale one is a 409. */
export function saveFrontPage(revision: number, picks: FrontPagePick[]): Promise<FrontPage> {
  return api<FrontPage>('/front-page', {
    method: 'PUT',
    body: { revision, articleIds: picks.map((p) => p.articleId) },
  });
}

/**
 * Which picks the page would show, as the server decides it: the first TOP_STORIES that are published.
 * Worked out here too, so an order not saved yet says what it will do.
 */
export function markShown(picks: FrontPagePick[]): FrontPagePick[] {
  let shown = 0;
  return picks.map((pick) => {
    const showsNow = pick.status === 'published' && shown < TOP_STORIES;
    if (showsNow) shown++;
    return { ...pick, showsNow };
  });
}
