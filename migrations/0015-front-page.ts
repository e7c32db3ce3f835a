import type { Kysely } from 'kysely';

/**
 * The front page's curated top stories: editors pick articles and set their order (issue 4). The
 * list row carries the revision that keeps two editors from overwriting each other, and who saved
 * it last. A pick goes with its article: deleting an article cascades, so no list points at nothing. (A list holds at most 12 picks, so
 * the cascade's look-up by article needs no index of its own.)
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('front_page_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text')
    .addColumn('updated_by_staff_id', 'text', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('updated_by_name', 'text')
    .execute();
  // The list exists from the start, so every save is one compare-and-set on its revision, and two
  // first saves cannot both insert it.
  await db.insertInto('front_page_lists').values({ id: 'top-stories', revision: 1 }).execute();

  await db.schema
    .createTable('front_page_picks')
    .addColumn('list_id', 'text', (c) => c.notNull().references('front_page_lists.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('front_page_picks_pk', ['list_id', 'position'])
    .addUniqueConstraint('front_page_picks_article', ['list_id', 'article_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('front_page_picks').execute();
  await db.schema.dropTable('front_page_lists').execute();
}
