import type { Kysely } from 'kysely';

// Tag and author pages look up "the articles with this tag/author": a covering index answers that
// without touching the table, which matters most for rare tags on a large archive.
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('article_tags_tag_article')
    .on('article_tags')
    .columns(['tag_id', 'article_id'])
    .execute();
  await db.schema
    .createIndex('article_authors_author_article')
    .on('article_authors')
    .columns(['author_id', 'article_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('article_authors_author_article').execute();
  await db.schema.dropIndex('article_tags_tag_article').execute();
}
