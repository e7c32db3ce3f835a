export { healthApi } from './health-api.js';
export { pageCacheApi } from './page-cache-api.js';
