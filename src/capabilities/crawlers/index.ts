export { crawlerRoutes } from './crawler-routes.js';
