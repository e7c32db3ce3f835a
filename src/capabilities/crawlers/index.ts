export { AI_CRAWLERS, oembedHref } from './crawler.js';
export { crawlerRoutes, tdmHeaderPlugin } from './crawler-routes.js';
