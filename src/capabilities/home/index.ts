export { ArticleCard, ArticleList, cardKeys } from './article-cards.js';
export { homePages } from './home-pages.js';
