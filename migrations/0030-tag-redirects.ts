import type { Kysely } from 'kysely';

/**
 * Issue 16: a tag's old address keeps working. When editors merge a tag into another, or change a
 * tag's slug, `/tag/<old-slug>` answers 301 to the surviving tag's page (readers' bookmarks, search
 * engines, links from other sites). One row per old slug; a redirect goes with the tag it points at.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag_redirects')
    .addColumn('old_slug', 'text', (c) => c.primaryKey())
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tag_redirects_tag').on('tag_redirects').column('tag_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tag_redirects').execute();
}
