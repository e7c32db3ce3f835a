export { formatDate, formatDateTime, formatYear } from './dates.js';
export { serializeJsonLd } from './json-ld.js';
export { DEFAULT_ROBOTS, type HeadProps, Layout, type LayoutProps, type OpenGraph } from './layout.js';
export { MAX_PAGE, Pagination, pageHeadLinks, pageNotFound, pageNumber, pageUrl } from './pagination.js';
export { renderSiteMessage, siteErrorPage } from './site-pages.js';
export { FRONT_PAGE_CSS, SITE_COLOURS, SITE_CSS } from './site-styles.js';
export { absolute, articlePath, authorPath, legalPath, searchPath, sectionPath, tagPath } from './urls.js';
