import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * "A tag's newest published articles" (related articles on the article page, tag pages) as one walk
 * down an index. The publication time lives on `articles`, the tag on `article_tags`, and no index
 * spans two tables: the newest tagged articles had to be found by walking the newest articles until
 * enough carried the tag, or by sorting every article of the tag (3.3 ms of a 5 ms page render at
 * 100,000 articles, measured). So `article_tags.published_at` holds the article's `published_at`
 * while the article is published and null otherwise; the article service keeps it in step on every
 * save (publish, unpublish, retag, reschedule), and (tag_id, published_at, article_id) serves the
 * walk in the lists' own order. That index starts with tag_id, so it also answers every lookup the
 * two older tag indexes did, and they go. On SQLite, search filters get an index too (below).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('article_tags').addColumn('published_at', 'text').execute();
  // Articles published before this migration ran.
  await db
    .updateTable('article_tags')
    .set((eb) => ({
      published_at: eb
        .selectFrom('articles')
        .select('articles.published_at')
        .whereRef('articles.id', '=', 'article_tags.article_id')
        .where('articles.status', '=', 'published'),
    }))
    .execute();
  await db.schema
    .createIndex('article_tags_tag_published')
    .on('article_tags')
    .columns(['tag_id', 'published_at', 'article_id'])
    .execute();
  await db.schema.dropIndex('article_tags_tag').execute();
  await db.schema.dropIndex('article_tags_tag_article').execute();
  await createSearchFilterIndex(db);
}

/**
 * Search on SQLite: filters and prefixes. A full-text match gives the article's rowid; its section and
 * publication time are stored after the body, so reading them from the row walks the body's
 * overflow pages (about 10 µs an article, measured), and a filtered search checks thousands. This
 * index holds them under the article's id, which sits at the start of the row: two short lookups
 * instead. PostgreSQL reads any column of a row alike, and its planner filters a search its own way.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function createSearchFilterIndex(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await db.schema
    .createIndex('articles_search_filters')
    .on('articles')
    .columns(['id', 'status', 'section_id', 'published_at'])
    .execute();
  // The words of the search index, so that a prefix ("harb*") is searched as the words it stands
  // for: FTS5 answers a prefix by merging every such word's complete match list first.
  await sql`create virtual table articles_search_vocab using fts5vocab(articles_search, row)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists articles_search_vocab`.execute(db);
  await db.schema.dropIndex('articles_search_filters').ifExists().execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();
  await db.schema
    .createIndex('article_tags_tag_article')
    .on('article_tags')
    .columns(['tag_id', 'article_id'])
    .execute();
  await db.schema.dropIndex('article_tags_tag_published').execute();
  await db.schema.alterTable('article_tags').dropColumn('published_at').execute();
}
