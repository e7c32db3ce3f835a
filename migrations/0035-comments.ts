import type { Kysely } from 'kysely';

/**
 * Issue 17, comments anchored to a passage (ADR 0034). A thread is about one passage of an article's
 * text (its anchor: Yjs relative positions and a text quote); its comments are the opening one, whose id is
 * the thread's, and the replies. Comments are staff data outside the article's document and revisions:
 * nothing readers reach selects from these tables. All three go with their article (cascade).
 * `comment_versions` counts every change to an article's comments, so a polling client is answered 304
 * cheaply, and its row is what a write locks first, one writer per article at a time.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comment_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('anchor_start', 'text')
    .addColumn('anchor_end', 'text')
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The article's comment version when it was written: the order of writing, even within one millisecond.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    // Who resolved it, by id and by name as it was then: not a foreign key, so it outlives that account.
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_by_name', 'text')
    .execute();
  await db.schema
    .createIndex('comment_threads_article')
    .on('comment_threads')
    .columns(['article_id', 'seq'])
    .execute();
  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_threads.id').onDelete('cascade'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // The staff member who wrote it, or null with author_token set for an API token.
    .addColumn('author_id', 'text')
    .addColumn('author_token', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // The mentioned staff ids, a JSON array.
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema
    .createIndex('comments_thread')
    .on('comments')
    .columns(['thread_id', 'created_at'])
    .execute();
  await db.schema.createIndex('comments_article').on('comments').column('article_id').execute();
  await db.schema
    .createTable('comment_versions')
    .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comment_versions').execute();
  await db.schema.dropTable('comments').execute();
  await db.schema.dropTable('comment_threads').execute();
}
