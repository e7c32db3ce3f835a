import type { ArticleStatus } from '../api/types';

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

/** The list's orders (the API's `sort`), in the words of the Sort choice; "updated" is the default. */
export const SORT_LABELS = {
  updated: 'Last saved',
  oldest: 'Least recently saved',
  published: 'Newest published',
  headline: 'Headline A–Z',
} as const;
export type BudgetSort = keyof typeof SORT_LABELS;

/** The longest search the API takes (GET /articles?q=). */
export const SEARCH_MAX = 200;

/** The budget's filters as they sit in the address (?status=draft&section=world&tag=harbour&q=ferry&sort=headline). */
export interface BudgetSearch {
  status?: ArticleStatus;
  section?: string;
  author?: string;
  /** A tag's slug. */
  tag?: string;
  /** Text to find in headlines, deks, slugs and bodies. */
  q?: string;
  /** Left out for the default order (last saved first). */
  sort?: Exclude<BudgetSort, 'updated'>;
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
  if (typeof search.tag === 'string' && search.tag !== '') out.tag = search.tag;
  // A number typed alone comes back from the address as a number.
  const q = typeof search.q === 'number' ? String(search.q) : search.q;
  if (typeof q === 'string' && q.trim() !== '') out.q = q.slice(0, SEARCH_MAX);
  if (typeof search.sort === 'string' && search.sort in SORT_LABELS && search.sort !== 'updated') {
    out.sort = search.sort as Exclude<BudgetSort, 'updated'>;
  }
  if (search.new === true || search.new === 'true') out.new = true;
  return out;
}

export function isFiltered(search: BudgetSearch): boolean {
  return Boolean(search.status || search.section || search.author || search.tag || search.q || search.sort);
}

/** The list query of GET /articles for a filter and a page. */
export function articleListPath(search: BudgetSearch, cursor: string | null, limit = 25): string {
  const params = new URLSearchParams();
  if (search.status) params.set('status', search.status);
  if (search.section) params.set('section', search.section);
  if (search.author) params.set('author', search.author);
  if (search.tag) params.set('tag', search.tag);
  if (search.q) params.set('q', search.q);
  if (search.sort) params.set('sort', search.sort);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return `/articles?${params}`;
}
