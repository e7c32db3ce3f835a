export { MAX_QUERY_CHARS, MAX_TERMS, parsePage, SEARCH_PAGE_SIZE, type Segment } from './search.js';
export {
  rebuildSearchIndex,
  type SearchNotice,
  type SearchRequest,
  type SearchResultItem,
  type SearchResults,
  searchArticles,
} from './search-service.js';
