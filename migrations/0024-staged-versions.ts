import type { Kysely } from 'kysely';

// Staged edits of a live article (issue 13): saving a published article no longer changes what readers
// see. The edit is written as a revision like any other, and the article points at it: `staged_revision`
// names the revision whose snapshot is the newsroom's working copy, `live_revision` the revision whose
// snapshot the article's own columns hold (what readers see). Both are null when nothing is staged: the
// columns are then the working copy and the live text alike. Update copies the staged snapshot into the
// columns and clears both (ADR 0017). Nullable integers with no default: existing rows have nothing staged.
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('staged_revision', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('live_revision', 'integer').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('live_revision').execute();
  await db.schema.alterTable('articles').dropColumn('staged_revision').execute();
}
