import type { Kysely } from 'kysely';

/**
 * Editors choose which sections get a block on the front page (issue 14): every section with
 * published articles has one unless an editor hides it. Their order is the sections' own
 * `position`. 0 or 1, not a boolean type, so both dialects store and compare it the same way.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sections')
    .addColumn('front_page_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').dropColumn('front_page_hidden').execute();
}
