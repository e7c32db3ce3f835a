import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Deleting a reader erases the link, not the proof: the row stays, keyed by subject_hash.
    .addColumn('reader_id', 'text', (c) => c.references('readers.id').onDelete('set null'))
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    // A legal version is never deleted (legal.ts); restrict says so to the database too.
    .addColumn('document_id', 'text', (c) =>
      c.notNull().references('legal_documents.id').onDelete('restrict'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('signup', 'reconsent')`))
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .execute();
  // The pending check on every signed-in article view, and a reader's history.
  await db.schema
    .createIndex('consents_reader')
    .on('consents')
    .columns(['reader_id', 'kind', 'version'])
    .execute();
  // The audit export pages through the whole ledger in time order.
  await db.schema.createIndex('consents_accepted').on('consents').columns(['accepted_at', 'id']).execute();
  // Proof for a deleted reader is found by the hash of their address.
  await db.schema.createIndex('consents_subject').on('consents').column('subject_hash').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consents').execute();
}
