export { articleApi } from './article-api.js';
