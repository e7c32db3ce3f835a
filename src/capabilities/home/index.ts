export { homePages } from './home-pages.js';
