export { sectionApi } from './section-api.js';
