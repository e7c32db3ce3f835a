export { searchPages } from './search-pages.js';
