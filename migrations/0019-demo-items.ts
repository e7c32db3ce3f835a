import type { Kysely } from 'kysely';

/**
 * What the demo edition made (issue 11): one row per demo article, photo, section, tag and author,
 * written in the same transaction as the thing itself, so `masthead demo remove` removes exactly
 * the demo and never guesses. Not a foreign key: the row says what was demo even after the paper
 * deletes the thing by hand, and removal skips what is already gone.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_items')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_items_pk', ['kind', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_items').execute();
}
