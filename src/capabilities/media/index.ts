export { mediaApi } from './media-api.js';
export { mediaFiles } from './media-files.js';
