export { feedRoutes } from './feed-routes.js';
