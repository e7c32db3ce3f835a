export { tagApi } from './tag-api.js';
