/** A date range typed by a person, for exports (consent ledger, activity log). Pure. */

/** The time window of an export: times >= from and < before; null is open-ended. */
export interface DateRange {
  from: string | null;
  before: string | null;
}

export type DateRangeCheck =
  | { ok: true; value: DateRange }
  | { ok: false; field: 'from' | 'to'; message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Reads the export's `from` and `to`: a day (2026-11-01, in UTC) or a time with a zone. Both ends
 * are inclusive as people mean them: `to=2026-11-30` takes the whole of that day.
 */
export function checkDateRange(input: { from?: string; to?: string }): DateRangeCheck {
  const from = input.from === undefined ? null : parseBound(input.from, 'start');
  if (from === undefined) return invalid('from', input.from ?? '');
  const before = input.to === undefined ? null : parseBound(input.to, 'end');
  if (before === undefined) return invalid('to', input.to ?? '');
  if (from !== null && before !== null && from >= before) {
    return { ok: false, field: 'to', message: '"to" must not be before "from".' };
  }
  return { ok: true, value: { from, before } };
}

/** The instant a bound stands for (the end is exclusive), or undefined when it is not a date. */
function parseBound(raw: string, end: 'start' | 'end'): string | null | undefined {
  const text = raw.trim();
  if (text === '') return null;
  // Date rolls 2026-02-30 over to March; a day that does not exist is refused instead.
  if (!(DAY.test(text) || TIME.test(text)) || !realDay(text.slice(0, 10))) return undefined;
  if (DAY.test(text)) {
    const start = Date.parse(`${text}T00:00:00.000Z`);
    return new Date(start + (end === 'end' ? DAY_MS : 0)).toISOString();
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  // Stored times have millisecond precision, so "up to and including t" is "before t + 1 ms".
  return new Date(at + (end === 'end' ? 1 : 0)).toISOString();
}

function realDay(day: string): boolean {
  const at = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
}

function invalid(field: 'from' | 'to', raw: string): DateRangeCheck {
  return {
    ok: false,
    field,
    message: `"${raw}" is not a date: use a day such as 2026-11-01 or a time with a zone such as 2026-11-01T00:00:00Z.`,
  };
}
