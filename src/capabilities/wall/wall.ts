/**
 * The registration wall's rules. Pure: no framework, no database.
 *
 * - "free" articles are never walled; with `wall.free_articles_per_month` at 0 nothing is.
 * - "registration" articles are always cut for anonymous readers.
 * - "metered" articles are whole for an anonymous reader while the meter allows (meter.ts).
 * - Signed-in readers read everything (after any consent the paper asks of them).
 */
import type { ArticleAccess } from '../articles/index.js';

/**
 * The page versions the wall chooses between: whole, cut for a registration-only article, or cut
 * for a metered article in one month of the paper ("cut-202612"). The month is in the name because
 * that page's prompt says when the free articles start again (ADR 0020): a new month's reader gets a
 * new version, never last month's date.
 */
export type WallVersion = 'full' | 'cut' | `cut-${string}`;

/** The version a metered article is cut to in the paper's month `month` ("YYYYMM"). */
export const meteredCut = (month: string): WallVersion => `cut-${month}`;

/** The month a version was cut in, for a metered article's cut version; null for any other. */
export function cutMonth(version: string): string | null {
  return /^cut-([0-9]{6})$/.exec(version)?.[1] ?? null;
}

/**
 * The first day of the month after `month` ("YYYYMM"), as an ISO date ("2027-01-01"): the day a
 * reader's free articles start again, in the paper's calendar.
 */
export function meterResetDate(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(4, 6)) + 1;
  return next > 12 ? `${year + 1}-01-01` : `${year}-${String(next).padStart(2, '0')}-01`;
}

/**
 * What choosing an article page's version needs, kept with the cached page so that choosing costs
 * no query. Settings changes purge every page (`site`), so the limit and time zone stay current.
 */
export type WallMeta = {
  /** The article's id. */
  readonly article: string;
  /** The article's id as the meter cookie keeps it (meter.ts), worked out once at render. */
  readonly meterId: string;
  readonly access: ArticleAccess;
  /** Free metered articles a month; 0 turns the wall off. */
  readonly limit: number;
  /** The publication's time zone: the meter's month is the paper's calendar month. */
  readonly timeZone: string;
  /** The article's address, where sign-up, sign-in and the consent prompt send the reader back. */
  readonly path: string;
};

/** Where the account pages send a reader once they are done: back to the article. */
export const withReturn = (page: string, path: string) => `${page}?return=${encodeURIComponent(path)}`;

/** Whether the wall can apply to the article at all: not for free articles, nor with the wall off. */
export function wallApplies(access: ArticleAccess, limit: number): boolean {
  return access !== 'free' && limit > 0;
}

// Only types come from articles: the wall's rules stay pure, and articles' index.ts loads its services.
const ACCESS: readonly string[] = ['metered', 'free', 'registration'] satisfies ArticleAccess[];

/** Reads back the meta a cached page was stored with; null if it is not the wall's. */
export function wallMetaOf(meta: Readonly<Record<string, unknown>>): WallMeta | null {
  const { article, meterId, access, limit, timeZone, path } = meta;
  if (typeof article !== 'string' || typeof meterId !== 'string') return null;
  if (typeof access !== 'string' || !ACCESS.includes(access) || typeof limit !== 'number') return null;
  if (typeof timeZone !== 'string' || typeof path !== 'string') return null;
  return { article, meterId, access: access as ArticleAccess, limit, timeZone, path };
}
