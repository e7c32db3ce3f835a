export { authorApi } from './author-api.js';
