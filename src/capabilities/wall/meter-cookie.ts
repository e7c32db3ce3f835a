/**
 * The meter cookie: `1.<YYYYMM>.<count or x>.<meter ids>.<signature>`, for example
 * `1.202611.2.AbCdEfGhIjKlMnOp.<22 characters>`. The signature is HMAC-SHA256 under the paper's
 * meter-cookie key, cut to 128 bits. At most MAX_REMEMBERED ids: under 900 bytes however large the
 * free allowance. Pure: the key comes in.
 */
import type { SiteKeys } from '../../platform/keys/index.js';
import {
  exhaustedMeter,
  freshMeter,
  MAX_REMEMBERED,
  METER_ID_LENGTH,
  type Meter,
  meterId,
  meterMonth,
  openArticle,
} from './meter.js';
import { meterSignature, meterSignatureMatches } from './meter-signature.js';

export const METER_COOKIE = 'masthead_meter';

/** The cookie outlives any month; a cookie from an earlier month is read as a fresh meter. */
export const METER_COOKIE_MAX_AGE_S = 35 * 24 * 3600;

const FORMAT = /^1\.([0-9]{6})\.(x|0|[1-9][0-9]{0,6})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/;
const MAX_LENGTH = 48 + MAX_REMEMBERED * METER_ID_LENGTH;

export function writeMeterCookie(meter: Meter, key: Buffer): string {
  const text = `1.${meter.month}.${meter.exhausted ? 'x' : meter.count}.${meter.read.join('')}`;
  return `${text}.${meterSignature(text, key)}`;
}

/**
 * The meter a request's cookie carries for `month`. No cookie: a fresh meter. A cookie this paper
 * signed for another month: a fresh meter (a new month resets). Anything else that is not exactly
 * a cookie this paper signed (altered, malformed, from another site): an exhausted meter, never a
 * fresh one, with `replace` set so the caller writes the exhausted cookie in its place.
 */
export function readMeterCookie(
  value: string | undefined,
  month: string,
  key: Buffer,
): { meter: Meter; replace: boolean } {
  if (value === undefined) return { meter: freshMeter(month), replace: false };
  const meter = value.length <= MAX_LENGTH ? verified(value, key) : null;
  if (!meter) return { meter: exhaustedMeter(month), replace: true };
  return { meter: meter.month === month ? meter : freshMeter(month), replace: false };
}

function verified(value: string, key: Buffer): Meter | null {
  const parts = FORMAT.exec(value);
  if (!parts) return null;
  const [, month, count, ids, signature] = parts as unknown as [string, string, string, string, string];
  // The signature written for this text, character for character: one signature, one spelling (the
  // last of the 22 characters carries 2 bits; one with its 4 unused bits set is refused).
  if (!meterSignatureMatches(value.slice(0, value.length - signature.length - 1), signature, key))
    return null;
  const read: string[] = [];
  for (let at = 0; at < ids.length; at += METER_ID_LENGTH) read.push(ids.slice(at, at + METER_ID_LENGTH));
  const exhausted = count === 'x';
  const n = exhausted ? 0 : Number(count);
  // Only a bug of ours could sign these; still, nothing inconsistent is ever read as free.
  if (ids.length % METER_ID_LENGTH !== 0 || read.length > MAX_REMEMBERED) return null;
  if (exhausted ? read.length > 0 : n < read.length) return null;
  return { month, count: n, read, exhausted };
}

/**
 * The `Cookie` header of a browser that opened these metered articles this month, as the wall
 * would have written it: for the bench and tests.
 */
export function meterCookieFor(
  keys: Pick<SiteKeys, 'key'>,
  now: Date,
  readArticleIds: readonly string[],
  timeZone = 'UTC',
): string {
  let meter = freshMeter(meterMonth(now, timeZone));
  for (const id of readArticleIds) meter = openArticle(meter, meterId(id), Number.POSITIVE_INFINITY).meter;
  return `${METER_COOKIE}=${writeMeterCookie(meter, keys.key('meter-cookie'))}`;
}
