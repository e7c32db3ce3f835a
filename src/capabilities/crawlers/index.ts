export { AI_CRAWLERS, oembedHref } from './crawler.js';
export { crawlerRoutes } from './crawler-routes.js';
