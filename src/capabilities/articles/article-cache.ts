import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import type { Article } from './article-queries.js';

/**
 * Queues the purge of every reader page an article change can alter: its own page; the pages of its
 * sections (and their parents, whose pages list subsection articles), tags and authors, before and
 * after the change (an article moved out of World must leave World's page); the home page, feeds,
 * sitemaps and search. Only for articles readers can see or could see.
 */
export async function queueArticlePurge(
  trx: Db,
  clock: Clock,
  before: Article | null,
  after: Article,
): Promise<void> {
  const wasPublic = before?.status === 'published';
  if (!wasPublic && after.status !== 'published') return;
  await queuePurge(trx, clock, await articlePageKeys(trx, before ? [before, after] : [after]));
}

/**
 * The keys of every reader page that shows any of these versions of one article: its page, its
 * sections (with their parents), tags and authors, the home page, feeds, sitemaps and search.
 */
export async function articlePageKeys(trx: Db, versions: Article[]): Promise<Set<string>> {
  const keys = new Set<string>([
    CacheKey.article(versions[0]!.id),
    CacheKey.home,
    CacheKey.feeds,
    CacheKey.sitemaps,
    CacheKey.search,
  ]);
  const sectionPaths = new Set<string>();
  for (const v of versions) {
    for (const t of v.tags) keys.add(CacheKey.tag(t.id));
    for (const a of v.authors) keys.add(CacheKey.author(a.id));
    if (v.section) {
      const parts = v.section.path.split('/');
      for (let i = 1; i <= parts.length; i++) sectionPaths.add(parts.slice(0, i).join('/'));
    }
  }
  if (sectionPaths.size) {
    const rows = await trx
      .selectFrom('sections')
      .select('id')
      .where('path', 'in', [...sectionPaths])
      .execute();
    for (const r of rows) keys.add(CacheKey.section(r.id));
  }
  return keys;
}
