/**
 * The story budget's orders (GET /articles?sort=): pure names, shared by the schema and the list query.
 * Each order has one key and the article id as its tie-break, so cursor paging never repeats or skips one.
 */
export const ARTICLE_SORTS = ['updated', 'oldest', 'published', 'headline'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** What each order means, for the OpenAPI document. */
export const ARTICLE_SORT_HELP =
  'updated: last saved first (the default); oldest: least recently saved first; published: newest publication ' +
  'first, never-published articles last; headline: A to Z, ignoring case.';

/** The longest text search the list accepts: a phrase, not a document. */
export const LIST_TEXT_MAX = 200;
