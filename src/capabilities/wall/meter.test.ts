import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { siteKeysFrom } from '../../platform/keys/index.js';
import {
  exhaustedMeter,
  freshMeter,
  MAX_REMEMBERED,
  type Meter,
  meterId,
  meterMonth,
  openArticle,
} from './meter.js';
import { METER_COOKIE, meterCookieFor, readMeterCookie, writeMeterCookie } from './meter-cookie.js';

const keys = siteKeysFrom(randomBytes(32));
const key = keys.key('meter-cookie');
const ids = (n: number, prefix = 'article') => Array.from({ length: n }, (_, i) => meterId(`${prefix}-${i}`));

function readAll(meter: Meter, articles: string[], limit: number) {
  return articles.map((id) => {
    const opened = openArticle(meter, id, limit);
    meter = opened.meter;
    return opened.allowed;
  });
}

describe('the meter', () => {
  it('counts the calendar month where the paper is', () => {
    // 03:00 UTC on 1 December is still 30 November in New York.
    const at = new Date('2026-12-01T03:00:00Z');
    expect(meterMonth(at, 'UTC')).toBe('202612');
    expect(meterMonth(at, 'America/New_York')).toBe('202611');
    expect(meterMonth(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe('202701');
  });

  it('allows the first N distinct articles, then refuses new ones; one already opened stays free', () => {
    const [a, b, c, d] = ids(4);
    let meter = freshMeter('202611');
    expect(readAll(meter, [a!, b!, a!, c!, d!], 3)).toEqual([true, true, true, true, false]);
    for (const id of [a!, b!, c!]) meter = openArticle(meter, id, 3).meter;
    expect(meter.count).toBe(3);
    const again = openArticle(meter, b!, 3);
    expect(again).toEqual({ allowed: true, meter, changed: false });
    expect(openArticle(meter, d!, 3)).toEqual({ allowed: false, meter, changed: false });
    // A lower limit later in the month: what was opened stays open, nothing new is.
    expect(openArticle(meter, a!, 1).allowed).toBe(true);
    expect(openArticle(meter, d!, 1).allowed).toBe(false);
  });

  it('refuses everything new to an exhausted meter', () => {
    expect(openArticle(exhaustedMeter('202611'), meterId('x'), 1000).allowed).toBe(false);
  });

  it('remembers the most recent MAX_REMEMBERED articles and keeps counting past them', () => {
    const many = ids(MAX_REMEMBERED + 20);
    let meter = freshMeter('202611');
    for (const id of many) meter = openArticle(meter, id, 1000).meter;
    expect(meter.count).toBe(MAX_REMEMBERED + 20);
    expect(meter.read).toHaveLength(MAX_REMEMBERED);
    expect(openArticle(meter, many.at(-1)!, 1000).changed).toBe(false);
    // The oldest were forgotten: opening one again counts it again.
    expect(openArticle(meter, many[0]!, 1000).meter.count).toBe(MAX_REMEMBERED + 21);
    const cookie = writeMeterCookie(meter, key);
    expect(cookie.length).toBeLessThan(900);
    expect(readMeterCookie(cookie, '202611', key).meter).toEqual(meter);
  });

  it('gives every article a short meter id of the same length', () => {
    expect(meterId('0190f1e2-0000-7000-8000-000000000001')).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(meterId('a')).not.toBe(meterId('b'));
  });
});

describe('the meter cookie', () => {
  const month = '202611';
  const meter: Meter = { month, count: 2, read: ids(2), exhausted: false };

  it('reads back what it wrote, and a fresh meter when there is no cookie', () => {
    const cookie = writeMeterCookie(meter, key);
    expect(cookie).toMatch(/^1\.202611\.2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$/);
    expect(readMeterCookie(cookie, month, key)).toEqual({ meter, replace: false });
    expect(readMeterCookie(undefined, month, key)).toEqual({ meter: freshMeter(month), replace: false });
    const exhausted = writeMeterCookie(exhaustedMeter(month), key);
    expect(readMeterCookie(exhausted, month, key).meter.exhausted).toBe(true);
  });

  it('starts a new month fresh, even from an exhausted cookie', () => {
    const last = writeMeterCookie(exhaustedMeter('202610'), key);
    expect(readMeterCookie(last, month, key)).toEqual({ meter: freshMeter(month), replace: false });
  });

  it('reads any altered, malformed or foreign cookie as exhausted, never as fresh', () => {
    const cookie = writeMeterCookie(meter, key);
    const [v, m, count, list, signature] = cookie.split('.') as [string, string, string, string, string];
    const foreign = siteKeysFrom(randomBytes(32)).key('meter-cookie');
    const bad = [
      // Fewer articles read, the same signature.
      [v, m, '0', '', signature].join('.'),
      [v, m, count, list.slice(8), signature].join('.'),
      [v, '202610', count, list, signature].join('.'),
      [v, m, count, list, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`].join('.'),
      // The same bytes spelt another way: the last character's unused bits set.
      [
        v,
        m,
        count,
        list,
        `${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(21) + 1)}`,
      ].join('.'),
      writeMeterCookie(meter, foreign),
      writeMeterCookie(freshMeter(month), foreign),
      ['2', m, count, list, signature].join('.'),
      '',
      'garbage',
      `${cookie}.`,
      cookie.replace('.2.', '.-1.'),
      `1.${month}.1.${'A'.repeat(8 * (MAX_REMEMBERED + 1))}.${signature}`,
      'x'.repeat(100_000),
    ];
    for (const value of bad) {
      expect(readMeterCookie(value, month, key), value.slice(0, 80)).toEqual({
        meter: exhaustedMeter(month),
        replace: true,
      });
    }
  });

  it('makes the Cookie header of a browser that opened given articles (for the bench)', () => {
    const now = new Date('2026-11-16T09:00:00Z');
    const header = meterCookieFor(keys, now, ['a', 'b', 'a']);
    expect(header.startsWith(`${METER_COOKIE}=`)).toBe(true);
    const read = readMeterCookie(header.slice(METER_COOKIE.length + 1), '202611', key).meter;
    expect(read).toEqual({ month: '202611', count: 2, read: [meterId('a'), meterId('b')], exhausted: false });
  });
});
