import type { Kysely } from 'kysely';

/**
 * Issue 17, live co-editing (ADR 0031). One row per article that has been edited live: the shared Yjs
 * document's state, and the state it had when it last matched a revision (`base_state`, `base_revision`),
 * which is what an Admin API write made from that revision is merged against. Base64 text rather than
 * a blob: one column type and one driver behaviour on both databases; the states are small.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_documents')
    .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('base_state', 'text', (c) => c.notNull())
    .addColumn('base_revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_documents').execute();
}
