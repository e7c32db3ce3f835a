export {
  FEED_CONTENT_TYPES,
  FEED_FORMATS,
  FEED_SIZE,
  type FeedFormat,
  feedPaths,
} from './feed.js';
export { feedRoutes } from './feed-routes.js';
