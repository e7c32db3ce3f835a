export { chooseTopStories, MAX_PICKS, TOP_STORIES, TOP_STORIES_LIST } from './front-page.js';
export { frontPageApi } from './front-page-api.js';
export { arrangeFrontPage, type FrontPage, type FrontPagePick, getFrontPage } from './front-page-service.js';
