import { sql } from 'kysely';
import { articlePath } from '../src/capabilities/site/urls.js';
import type { DatabaseConfig } from '../src/config.js';
import { type Db, openDatabase } from '../src/platform/database/database.js';

/** The pages `npm run bench` loads, read from its generated archive. */
export interface BenchTargets {
  /** The newest article's page. */
  article: string;
  /** The busiest section's page. */
  section: string;
  /** Pages of distinct articles from all over the archive, old and new. */
  archive: string[];
}

interface Listed {
  slug: string;
  first_published_at: string | null;
}

/** Picks the pages; `sample` is how many articles from across the archive (fewer in a smaller one). */
export async function pickTargets(config: DatabaseConfig, sample: number): Promise<BenchTargets> {
  const database = await openDatabase(config);
  try {
    const { db } = database;
    const article = await db
      .selectFrom('articles')
      .select(['slug', 'first_published_at'])
      .where('status', '=', 'published')
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const spread = await (config.dialect === 'sqlite' ? spreadOnSqlite : spreadOnPostgres)(db, sample);
    const path = (a: Listed) => articlePath({ slug: a.slug, firstPublishedAt: a.first_published_at }, 'UTC');
    return { article: path(article), section: '/section/section-0', archive: spread.map(path) };
  } finally {
    await database.close();
  }
}

/**
 * `sample` distinct positions in 1..top, scattered over the whole range: stepping by a number that shares
 * no factor with `top` visits every position once before any comes back.
 */
export function scatteredPositions(top: number, sample: number): number[] {
  let step = 7919;
  while (gcd(step, top) !== 1) step++;
  return Array.from({ length: Math.min(sample, top) }, (_, i) => 1 + ((i * step + 104_729) % top));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** SQLite: articles found by rowid, which the generator's inserts numbered in order; no scan. */
async function spreadOnSqlite(db: Db, sample: number): Promise<Listed[]> {
  const { top } = await db
    .selectFrom('articles')
    .select(sql<number>`max(rowid)`.as('top'))
    .executeTakeFirstOrThrow();
  return db
    .selectFrom('articles')
    .select(['slug', 'first_published_at'])
    .where(sql<boolean>`rowid in (${sql.join(scatteredPositions(top, sample))})`)
    .where('status', '=', 'published')
    .execute();
}

/**
 * PostgreSQL has no rowid: articles are numbered by id (the generator's ids follow publication time).
 * One pass over the table's ids, a fraction of a second at 100,000 articles.
 */
async function spreadOnPostgres(db: Db, sample: number): Promise<Listed[]> {
  const { top } = await db
    .selectFrom('articles')
    .select(sql<string>`count(*)`.as('top'))
    .executeTakeFirstOrThrow();
  const positions = scatteredPositions(Number(top), sample);
  const { rows } = await sql<Listed>`
    select slug, first_published_at from (
      select slug, first_published_at, status, row_number() over (order by id) as position from articles
    ) numbered
    where position in (${sql.join(positions)}) and status = 'published'`.execute(db);
  return rows;
}
