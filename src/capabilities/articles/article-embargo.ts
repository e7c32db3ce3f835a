/**
 * The hard embargo: an instant before which an article is not published, whoever asks. The owner, an
 * editor past the photo check, the scheduler: all are refused alike, because an embargo is a promise
 * to a source or a wire service, not an editorial preference. Checked where an article would go live
 * (publish, schedule, the scheduled-publish job) and where the embargo itself is set.
 */
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import { getSetting } from '../settings/index.js';
import type { ArticleStatus } from './article.js';
import { articleInvalid } from './article-errors.js';

interface Embargoed {
  embargoUntil: string | null;
}

/** The embargo holds at `at`: the article may not go live then. */
export function embargoHolds(article: Embargoed, at: Date): boolean {
  return article.embargoUntil !== null && at.getTime() < Date.parse(article.embargoUntil);
}

/** An embargo as stored: one ISO instant in UTC (ADR 0002), or null for none. */
export function normaliseEmbargo(value: string | null): string | null {
  if (value === null) return null;
  const when = new Date(value);
  if (Number.isNaN(when.getTime())) {
    throw articleInvalid(
      'embargoUntil',
      'The embargo must be a date and time, such as 2026-11-17T14:00:00Z.',
    );
  }
  return isoTime(when);
}

/**
 * Refuses (409 EMBARGOED) to publish, or schedule for `at`, an article whose embargo holds then. The
 * message names the time in the paper's zone and in UTC, so whoever is refused knows when it lifts.
 */
export async function assertEmbargoLifted(
  db: Db,
  article: Embargoed,
  at: Date,
  action: 'publish' | 'schedule',
): Promise<void> {
  if (!embargoHolds(article, at)) return;
  const until = await describeInstant(db, article.embargoUntil!);
  const message =
    action === 'publish'
      ? `Embargoed until ${until}: it cannot be published before then, whoever asks. Schedule it for that time or later.`
      : `Embargoed until ${until}: schedule it for that time or later.`;
  throw new AppError('EMBARGOED', 409, message, {
    field: 'embargoUntil',
    embargoUntil: article.embargoUntil,
  });
}

/**
 * Whether the embargo may change to `next`. A live article cannot be put under embargo (readers have
 * it already; unpublish it first), and a scheduled one cannot be embargoed past its scheduled time:
 * rather than move the schedule silently, the newsroom reschedules it itself. Lifting or moving an
 * embargo earlier is always allowed. Both refusals are 409 EMBARGO_CONFLICT naming the field.
 */
export async function assertEmbargoFits(
  db: Db,
  article: Embargoed & { status: ArticleStatus; scheduledAt: string | null },
  next: string | null,
): Promise<void> {
  if (next === article.embargoUntil || next === null) return;
  if (article.status === 'published') {
    throw embargoConflict(
      'This article is already published, so an embargo cannot hold it back: readers have it. Unpublish it first if it must wait.',
      next,
    );
  }
  if (
    article.status === 'scheduled' &&
    article.scheduledAt &&
    embargoHolds({ embargoUntil: next }, new Date(article.scheduledAt))
  ) {
    const [scheduled, until] = await Promise.all([
      describeInstant(db, article.scheduledAt),
      describeInstant(db, next),
    ]);
    throw embargoConflict(
      `This article is scheduled to publish at ${scheduled}, before the embargo (${until}). Reschedule it for the embargo's time or later, or unschedule it, then set the embargo.`,
      next,
    );
  }
}

function embargoConflict(message: string, embargoUntil: string): AppError {
  return new AppError('EMBARGO_CONFLICT', 409, message, { field: 'embargoUntil', embargoUntil });
}

/** "17 November 2026, 09:00 America/New_York time (14:00 UTC)": the paper's zone first, as the newsroom reads it. */
async function describeInstant(db: Db, iso: string): Promise<string> {
  const timeZone = await getSetting(db, 'publication.timezone');
  const when = new Date(iso);
  // Date and time formatted apart, so the joint does not change with the ICU version (", " or " at ").
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const time = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  const paper = `${date.format(when)}, ${time(timeZone).format(when)}`;
  const utc = time('UTC').format(when);
  return timeZone === 'UTC' ? `${paper} UTC` : `${paper} ${timeZone} time (${utc} UTC)`;
}
