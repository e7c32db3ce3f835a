import type { Kysely } from 'kysely';

/**
 * A hard embargo on an article: the instant (ISO 8601, UTC) before which the server refuses to publish it,
 * whoever asks. Null: no embargo. Existing articles have none. No index: it is read with its article, never
 * searched by.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('embargo_until', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('embargo_until').execute();
}
