import type { Kysely } from 'kysely';

// A revision may carry a note: why an editor published past a failed pre-publish check.
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('article_revisions').addColumn('note', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('article_revisions').dropColumn('note').execute();
}
