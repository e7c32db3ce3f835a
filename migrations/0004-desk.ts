import { type Kysely, sql } from 'kysely';

/** The newsroom's reference data: sections, tags, authors, and the versioned legal documents. */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    // A section with subsections cannot be deleted; the service says so first, the key makes sure.
    .addColumn('parent_id', 'text', (c) => c.references('sections.id').onDelete('restrict'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sections_parent').on('sections').columns(['parent_id', 'position']).execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('authors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    // Null for a guest contributor; if a staff account is ever removed, the byline outlives it.
    .addColumn('staff_id', 'text', (c) => c.unique().references('staff.id').onDelete('set null'))
    .addColumn('affiliation', 'text')
    .addColumn('photo_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('authors_name').on('authors').column('name').execute();

  await db.schema
    .createTable('legal_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('terms', 'privacy')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('summary_of_changes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requires_acceptance', 'integer', (c) => c.notNull().check(sql`requires_acceptance in (0, 1)`))
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    // Consents name (kind, version); the pair must always mean the same text.
    .addUniqueConstraint('legal_documents_kind_version', ['kind', 'version'])
    .execute();
  await db.schema
    .createIndex('legal_documents_effective')
    .on('legal_documents')
    .columns(['kind', 'effective_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_documents').execute();
  await db.schema.dropTable('authors').execute();
  await db.schema.dropTable('tags').execute();
  await db.schema.dropTable('sections').execute();
}
