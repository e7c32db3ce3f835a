import type { Settings } from '../../capabilities/settings/index.js';

/**
 * The edition's date: today in the paper's time zone, as the masthead of a printed front page
 * dates it ("Monday, November 16, 2026"), with the ISO day for `<time datetime>`. A cached front
 * page is rendered again within the page cache's safety TTL after midnight.
 */
export function editionDate(now: Date, settings: Settings): { iso: string; text: string } {
  const timeZone = settings['publication.timezone'];
  const locale = settings['publication.locale'];
  const day = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const long = formatter(locale, timeZone, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  return { iso: day.format(now), text: long.format(now) };
}

// Building an Intl formatter costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, format);
  }
  return format;
}

/**
 * When a story in the Latest list went live: the time alone ("9:05 AM") on the edition's day, the
 * short date ("Nov 15") before it, in the paper's time zone.
 */
export function latestStamp(iso: string, editionIso: string, settings: Settings): string {
  const timeZone = settings['publication.timezone'];
  const locale = settings['publication.locale'];
  const at = new Date(iso);
  const day = formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return day === editionIso
    ? formatter(locale, timeZone, { hour: 'numeric', minute: '2-digit' }).format(at)
    : formatter(locale, timeZone, { month: 'short', day: 'numeric' }).format(at);
}
