import type { Settings } from '../settings/index.js';

/**
 * Dates as readers see them: in the publication's language and time zone. The machine-readable
 * ISO value goes in `<time datetime>`; this is the text between the tags.
 */
export function formatDateTime(iso: string, settings: Settings): string {
  return format(iso, settings, 'datetime');
}

/** The day only, "November 16, 2026": for lists and corrections. */
export function formatDate(iso: string, settings: Settings): string {
  return format(iso, settings, 'date');
}

/** The year in the publication's time zone, for the footer's copyright line. */
export function formatYear(now: Date, settings: Settings): string {
  return format(now.toISOString(), settings, 'year');
}

type Style = 'date' | 'datetime' | 'year';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric' },
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  datetime: {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
};

// Building an Intl formatter costs far more than using one; a page shows several dates per render.
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(iso: string, settings: Settings, style: Style): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // The year is printed with Western digits whatever the locale, as the footer always has been.
  const locale = style === 'year' ? 'en-US' : settings['publication.locale'];
  const timeZone = settings['publication.timezone'];
  const key = `${style}|${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}
