export { METER_COOKIE, meterCookieFor } from './meter-cookie.js';
export { withReturn } from './wall.js';
export { type ArticleForWall, articleWall, type WallOutcome, wallPlugin } from './wall-plugin.js';
