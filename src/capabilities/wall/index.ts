export { meterMonth } from './meter.js';
export { METER_COOKIE, meterCookieFor } from './meter-cookie.js';
export { meterResetDate, wallApplies, withReturn } from './wall.js';
export { type ArticleForWall, articleWall, type WallOutcome, wallPlugin } from './wall-plugin.js';
