export { MAX_QUERY_CHARS, MAX_TERMS, parsePage, SEARCH_PAGE_SIZE, type Segment } from './search.js';
export {
  SEARCH_TIDY_EVERY_MS,
  SEARCH_TIDY_JOB,
  type TidyReport,
  tidySearchIndex,
} from './search-index-upkeep.js';
export {
  rebuildSearchIndex,
  type SearchNotice,
  type SearchRequest,
  type SearchResultItem,
  type SearchResults,
  searchArticles,
} from './search-service.js';
