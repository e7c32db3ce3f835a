import type { ArticleStatus } from '../api/types';

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

/** The budget's filters as they sit in the address (?status=draft&section=world). */
export interface BudgetSearch {
  status?: ArticleStatus;
  section?: string;
  author?: string;
  /** The "New article" dialog is open (the command palette's way to it). */
  new?: true;
}

export function readBudgetSearch(search: Record<string, unknown>): BudgetSearch {
  const out: BudgetSearch = {};
  if (typeof search.status === 'string' && search.status in STATUS_LABELS) {
    out.status = search.status as ArticleStatus;
  }
  if (typeof search.section === 'string' && search.section !== '') out.section = search.section;
  if (typeof search.author === 'string' && search.author !== '') out.author = search.author;
  if (search.new === true || search.new === 'true') out.new = true;
  return out;
}

export function isFiltered(search: BudgetSearch): boolean {
  return Boolean(search.status || search.section || search.author);
}

/** The list query of GET /articles for a filter and a page. */
export function articleListPath(search: BudgetSearch, cursor: string | null, limit = 25): string {
  const params = new URLSearchParams();
  if (search.status) params.set('status', search.status);
  if (search.section) params.set('section', search.section);
  if (search.author) params.set('author', search.author);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return `/articles?${params}`;
}
