export { MAX_QUERY_CHARS, MAX_TERMS, SEARCH_PAGE_SIZE, type Segment } from './search.js';
export { searchBenchQueries, timeSearches } from './search-bench.js';
export { searchPages } from './search-pages.js';
export {
  rebuildSearchIndex,
  type SearchNotice,
  type SearchRequest,
  type SearchResultItem,
  type SearchResults,
  searchArticles,
} from './search-service.js';
