export { sitemapRoutes } from './sitemap-routes.js';
