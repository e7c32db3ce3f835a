export { sitemapPaths } from './sitemap.js';
export { sitemapRoutes } from './sitemap-routes.js';
