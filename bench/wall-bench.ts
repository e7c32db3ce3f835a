import { readSettings } from '../src/capabilities/settings/index.js';
import { articlePath } from '../src/capabilities/site/urls.js';
import { meterCookieFor } from '../src/capabilities/wall/index.js';
import type { DatabaseConfig } from '../src/config.js';
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/database/database.js';
import { loadSiteKeys } from '../src/platform/keys/index.js';

export { meterCookieFor };

/** What the bench needs to measure the registration wall on a cached article page. */
export interface WallBenchTargets {
  /** The newest metered article's address (the newest article of the generated archive is free). */
  article: string;
  /** `wall.free_articles_per_month` in the bench database. */
  limit: number;
  /**
   * The Cookie header of an anonymous reader who has opened limit - 1 other articles this month:
   * every request is counted (cookie checked, article added, cookie signed and set) and gets the
   * full page.
   */
  underLimit: string;
  /** The Cookie header of a reader who has used up the month's free articles: the cut page. */
  overLimit: string;
}

/**
 * Reads the bench's database (a SQLite file's path, or either dialect's configuration) for the paper's
 * keys, settings and newest metered article, and makes the meter cookies a browser of that paper would
 * send this month.
 */
export async function wallBenchTargets(from: string | DatabaseConfig): Promise<WallBenchTargets> {
  const database = await openDatabase(typeof from === 'string' ? { dialect: 'sqlite', file: from } : from);
  try {
    const settings = await readSettings(database.db);
    const limit = settings['wall.free_articles_per_month'];
    if (limit === 0)
      throw new Error('wall.free_articles_per_month is 0 in the bench database: the wall is off');
    const timeZone = settings['publication.timezone'];
    const keys = await loadSiteKeys(database.db, systemClock);
    const article = await database.db
      .selectFrom('articles')
      .select(['slug', 'first_published_at'])
      .where('status', '=', 'published')
      .where('access', '=', 'metered')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const now = systemClock.now();
    const elsewhere = (n: number) => Array.from({ length: n }, (_, i) => `bench-elsewhere-${i}`);
    return {
      article: articlePath({ slug: article.slug, firstPublishedAt: article.first_published_at }, timeZone),
      limit,
      underLimit: meterCookieFor(keys, now, elsewhere(limit - 1), timeZone),
      overLimit: meterCookieFor(keys, now, elsewhere(limit), timeZone),
    };
  } finally {
    await database.close();
  }
}
