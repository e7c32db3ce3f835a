import type { Kysely } from 'kysely';

/**
 * The audit trail (issue 11) and the tombstones of deleted articles.
 *
 * `audit_events` copies who acted (staff id, name and role at the time) instead of referencing the
 * staff table, so an event outlives the staff member's account and keeps saying who it was. The
 * subject is a kind and an id, not a foreign key: the event must outlive its subject too (an
 * article deletion is the first action recorded). Ids are UUIDv7, so the newest-first list walks
 * the primary key, and a list filtered by action walks (action, id).
 *
 * `article_tombstones` keeps the addresses a deleted article had on the reader site, so they answer
 * 410 Gone rather than 404: the path is the key the article route looks up.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text', (c) => c.notNull())
    .addColumn('staff_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_action').on('audit_events').columns(['action', 'id']).execute();

  await db.schema
    .createTable('article_tombstones')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_tombstones').execute();
  await db.schema.dropTable('audit_events').execute();
}
