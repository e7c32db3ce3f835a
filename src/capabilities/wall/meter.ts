/**
 * The meter: how many metered articles one browser has opened this calendar month, and which.
 * Pure: no framework, no database. The cookie that carries it is in meter-cookie.ts.
 */
import { createHash } from 'node:crypto';

/** The ids of the articles read most recently are kept, so reading one again is free; older ones only count. */
export const MAX_REMEMBERED = 100;

/** Characters of an article's meter id: 48 bits, so two articles a reader opened almost never share one. */
export const METER_ID_LENGTH = 8;

/** What the meter knows about one browser. */
export interface Meter {
  /** The calendar month, "YYYYMM", in the publication's time zone. */
  readonly month: string;
  /** Distinct metered articles opened this month. */
  readonly count: number;
  /** Meter ids of the articles opened most recently, oldest first, at most MAX_REMEMBERED. */
  readonly read: readonly string[];
  /** The cookie could not be trusted: nothing more is free until the month ends. */
  readonly exhausted: boolean;
}

export const freshMeter = (month: string): Meter => ({ month, count: 0, read: [], exhausted: false });
export const exhaustedMeter = (month: string): Meter => ({ month, count: 0, read: [], exhausted: true });

/**
 * Opening a metered article with `limit` free a month: allowed when it was opened before this month
 * or fewer than `limit` were; the meter after, and whether it changed (the cookie must be written).
 */
export function openArticle(
  meter: Meter,
  meterId: string,
  limit: number,
): { allowed: boolean; meter: Meter; changed: boolean } {
  if (meter.read.includes(meterId)) return { allowed: true, meter, changed: false };
  if (meter.exhausted || meter.count >= limit) return { allowed: false, meter, changed: false };
  return {
    allowed: true,
    changed: true,
    meter: {
      ...meter,
      count: meter.count + 1,
      read: [...meter.read, meterId].slice(-MAX_REMEMBERED),
    },
  };
}

/** An article's id as the meter keeps it: short, and the same for every process. */
export function meterId(articleId: string): string {
  return createHash('sha256').update(articleId).digest('base64url').slice(0, METER_ID_LENGTH);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** The month changes on a minute boundary in every time zone; the meter asks on every request. */
const lastMonth = new Map<string, { minute: number; month: string }>();

/**
 * The calendar month of `now` where the paper is: readers count a month as the paper's own dates
 * do, so the meter resets at midnight on the 1st in the publication's time zone, not in UTC.
 */
export function meterMonth(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = lastMonth.get(timeZone);
  if (known?.minute === minute) return known.month;
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const month = `${get('year')}${get('month')}`;
  lastMonth.set(timeZone, { minute, month });
  return month;
}
