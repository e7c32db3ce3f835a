import { type Kysely, sql } from 'kysely';

/**
 * The story budget's lists (issue 13) in their own order, read straight from an index instead of sorted
 * whole: at 10,000 articles the budget's "published" group (status = 'published', last saved first)
 * walked (status, published_at, id) and sorted every published row, body and all, in a temporary B-tree:
 * 800 ms of a 1.1 s opening (measured by `npm run bench -- --only newsroom`). The other two are the
 * budget's sorts, whose keys are expressions (never-published last, headlines ignoring case); ORDER BY
 * names the same expressions (article-list-repository.ts), so both dialects walk these indexes. The id
 * at the end is the lists' tie-break, as in 0017.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('articles_status_saved')
    .on('articles')
    .columns(['status', 'saved_at', 'id'])
    .execute();
  await db.schema
    .createIndex('articles_published_order')
    .on('articles')
    .expression(sql`coalesce(published_at, ''), id`)
    .execute();
  await db.schema
    .createIndex('articles_headline_order')
    .on('articles')
    .expression(sql`lower(headline), id`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_headline_order').execute();
  await db.schema.dropIndex('articles_published_order').execute();
  await db.schema.dropIndex('articles_status_saved').execute();
}
