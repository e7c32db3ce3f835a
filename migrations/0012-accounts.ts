import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('readers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('email_verified_at', 'text')
    .addColumn('newsletters', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Sign-ups never confirmed are swept after a week; this finds them without reading every reader.
  await db.schema
    .createIndex('readers_unconfirmed')
    .on('readers')
    .columns(['email_verified_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('reader_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('reader_id', 'text', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('ip_hash', 'text')
    .execute();
  await db.schema.createIndex('reader_sessions_reader').on('reader_sessions').column('reader_id').execute();
  await db.schema.createIndex('reader_sessions_expires').on('reader_sessions').column('expires_at').execute();

  await db.schema
    .createTable('reader_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reader_id', 'text', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text')
    .addColumn('tries_left', 'integer', (c) => c.notNull())
    .addColumn('new_email', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  // A code is looked up by the reader it was mailed to and its kind, newest first.
  await db.schema
    .createIndex('reader_tokens_reader')
    .on('reader_tokens')
    .columns(['reader_id', 'kind', 'created_at'])
    .execute();
  await db.schema.createIndex('reader_tokens_expires').on('reader_tokens').column('expires_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reader_tokens').execute();
  await db.schema.dropTable('reader_sessions').execute();
  await db.schema.dropTable('readers').execute();
}
