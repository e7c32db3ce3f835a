export { articlePages } from './article/article-pages.js';
export { homePages } from './home/home-pages.js';
export { legalPages } from './legal/legal-pages.js';
export { authorPages } from './lists/author-pages.js';
export { sectionPages } from './lists/section-pages.js';
export { tagPages } from './lists/tag-pages.js';
export { previewApi } from './preview/preview-api.js';
export { searchPages } from './search/search-pages.js';
