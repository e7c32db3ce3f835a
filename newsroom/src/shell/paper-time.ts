/**
 * Times in the paper's time zone, not the computer's: a reporter in Lisbon scheduling for a New York paper
 * types New York time and reads New York time. The server keeps instants (UTC); this module turns a wall
 * clock date and time typed in the paper's zone into an instant and back, and formats instants for staff
 * with the zone's abbreviation. Offsets come from @date-fns/tz (the browser's own zone data).
 *
 * Daylight saving makes two kinds of wall time special, and both are resolved the way Temporal's
 * "compatible" rule (and most calendars) do, and said in words so nobody is surprised:
 * - a time that does not exist (the hour skipped when clocks go forward, e.g. 02:30 on 8 March 2026 in New
 *   York) moves forward by the length of the gap: 03:30 EDT;
 * - a time that happens twice (the hour repeated when clocks go back, e.g. 01:30 on 1 November 2026 in New
 *   York) is the first one, before the clocks go back: 01:30 EDT, not 01:30 EST an hour later.
 */
import { tzOffset } from '@date-fns/tz';

/** A date and a time as typed: "2026-11-16" and "09:30". */
export interface WallTime {
  date: string;
  time: string;
}

export type WallResolution =
  | { kind: 'exact'; instant: Date }
  /** Skipped by the clocks going forward; `instant` is the same wall time plus the gap. */
  | { kind: 'skipped'; instant: Date }
  /** Shown twice as clocks go back; `instant` is the first, `later` the second. */
  | { kind: 'ambiguous'; instant: Date; later: Date };

const DAY = 86_400_000;
const WALL = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2})$/;

/** The instant a date and time typed in `zone` mean, or null when they are not a date and time. */
export function fromPaperWall(wall: WallTime, zone: string): WallResolution | null {
  const d = WALL.exec(wall.date);
  const t = CLOCK.exec(wall.time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const naive = Date.UTC(y, mo - 1, da, h, mi);
  // A day is past the real date (Feb 30th): refuse rather than roll over into March.
  if (new Date(naive).getUTCDate() !== da) return null;
  // Any transition near this wall time has the offset of the day before on one side and the day after on
  // the other; every candidate instant uses one of the two.
  const before = tzOffset(zone, new Date(naive - DAY));
  const after = tzOffset(zone, new Date(naive + DAY));
  const candidates = [...new Set([before, after])]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => tzOffset(zone, new Date(instant)) * 60_000 === naive - instant)
    .sort((a, b) => a - b);
  if (candidates.length === 2) {
    return { kind: 'ambiguous', instant: new Date(candidates[0]!), later: new Date(candidates[1]!) };
  }
  if (candidates.length === 1) return { kind: 'exact', instant: new Date(candidates[0]!) };
  // Skipped: read with the offset in force before the jump, it lands the gap's length later.
  return { kind: 'skipped', instant: new Date(naive - before * 60_000) };
}

/** The date and time an instant shows on the paper's clocks, as the date and time inputs take them. */
export function toPaperWall(instant: Date | string, zone: string): WallTime {
  const at = new Date(instant);
  const shifted = new Date(at.getTime() + tzOffset(zone, at) * 60_000);
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

// English locales in the order tried for a zone's abbreviation: each knows its own region's names (EST, BST,
// AEST, CET); where none does, the offset ("GMT+5:30") is the name.
const NAMING_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-NZ', 'en-IN', 'en-ZA', 'en-CA'];

/** The zone's short name at that instant: EST or EDT, GMT or BST, AEST or AEDT, UTC; else "GMT+5:30". */
export function zoneAbbreviation(zone: string, at: Date | string = new Date()): string {
  const when = new Date(at);
  let fallback = '';
  for (const locale of NAMING_LOCALES) {
    const name =
      formatter(
        `abbr|${locale}|${zone}`,
        () => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }),
      )
        .formatToParts(when)
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (!fallback) fallback = name;
    if (name && !/^(GMT|UTC)[+\-−]/.test(name)) return name;
  }
  return fallback;
}

/** "New York time" from America/New_York; UTC is just UTC. */
export function zoneCity(zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const city = zone.split('/').at(-1)?.replace(/_/g, ' ') ?? zone;
  return `${city} time`;
}

/** "New York time (EST)": which clock the times on screen follow, as it stands at `at`. */
export function paperZoneLabel(zone: string, at: Date | string = new Date()): string {
  const city = zoneCity(zone);
  return city === 'UTC' ? 'UTC' : `${city} (${zoneAbbreviation(zone, at)})`;
}

/**
 * An instant as staff read it, in the paper's zone with its abbreviation: "16 Nov 2026, 09:00 EST"; `short`
 * leaves out the year ("16 Nov, 09:00 EST") for lists.
 */
export function formatPaperTime(
  instant: Date | string,
  zone: string,
  options: { short?: boolean } = {},
): string {
  const when = new Date(instant);
  const date = formatter(
    `date|${options.short ? 's' : 'l'}|${zone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        day: 'numeric',
        month: 'short',
        ...(options.short ? {} : { year: 'numeric' }),
      }),
  ).format(when);
  const time = formatter(
    `time|${zone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(when);
  return `${date}, ${time} ${zoneAbbreviation(zone, when)}`;
}

/** The same calendar day on the paper's clocks ("published today" is the paper's today). */
export function samePaperDay(a: Date | string, b: Date | string, zone: string): boolean {
  return toPaperWall(a, zone).date === toPaperWall(b, zone).date;
}

/**
 * What a typed time will mean, in words, when daylight saving makes it special; null when it is plain.
 * "02:30 does not exist on 8 Mar 2026 in New York time (the clocks go forward): it means 03:30 EDT."
 */
export function explainWall(wall: WallTime, resolution: WallResolution, zone: string): string | null {
  const day = formatter(
    `day|${zone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
  ).format(new Date(`${wall.date}T12:00:00Z`));
  const clock = (at: Date) => `${toPaperWall(at, zone).time} ${zoneAbbreviation(zone, at)}`;
  if (resolution.kind === 'skipped') {
    return `${wall.time} does not exist on ${day} in ${zoneCity(zone)} (the clocks go forward): it means ${clock(resolution.instant)}.`;
  }
  if (resolution.kind === 'ambiguous') {
    return `${wall.time} happens twice on ${day} in ${zoneCity(zone)} (the clocks go back): this is the first, ${clock(resolution.instant)}, not ${clock(resolution.later)}.`;
  }
  return null;
}
