import { type Kysely, sql } from 'kysely';

/** The photo desk: the media library and the public files made from each photo. */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('original_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('format', 'text', (c) =>
      c.notNull().check(sql`format in ('jpeg', 'png', 'webp', 'avif', 'gif')`),
    )
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('creator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('copyright_notice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('usage_terms', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('license_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('taken_at', 'text')
    // double precision: a real (float4) on PostgreSQL would turn 0.3 into 0.30000001.
    .addColumn('focal_x', 'double precision', (c) => c.notNull().defaultTo(0.5))
    .addColumn('focal_y', 'double precision', (c) => c.notNull().defaultTo(0.5))
    .addColumn('variants_status', 'text', (c) =>
      c.notNull().check(sql`variants_status in ('pending', 'ready', 'failed')`),
    )
    // The photo outlives the account of whoever uploaded it; the name stays for the record.
    .addColumn('uploaded_by', 'text', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The library lists newest first with a (created_at, id) cursor.
  await db.schema.createIndex('media_created').on('media').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('media_variants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('width', 'social')`))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('avif', 'webp', 'jpeg')`))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('focal', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('media_variants_one_each', ['media_id', 'kind', 'format', 'width'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_variants').execute();
  await db.schema.dropTable('media').execute();
}
