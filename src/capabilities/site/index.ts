export { Layout } from './layout.js';
export { siteErrorPage } from './site-pages.js';
