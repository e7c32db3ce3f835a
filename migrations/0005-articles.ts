import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dateline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('access', 'text', (c) => c.notNull().defaultTo('metered'))
    .addColumn('section_id', 'text', (c) => c.references('sections.id').onDelete('restrict'))
    .addColumn('lead_image', 'text')
    .addColumn('seo_headline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('seo_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('byline_suffix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reading_minutes', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('first_published_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('modified_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('unpublished_at', 'text')
    .execute();
  // The lists readers and editors see: newest published first, by status, by section.
  await db.schema
    .createIndex('articles_status_published')
    .on('articles')
    .columns(['status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_section_published')
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();
  await db.schema.createIndex('articles_saved').on('articles').columns(['saved_at', 'id']).execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('authors.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema.createIndex('article_authors_author').on('article_authors').column('author_id').execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('changed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_number', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('article_slugs')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('retired_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('corrections_article')
    .on('corrections')
    .columns(['article_id', 'published_at'])
    .execute();
  await db.schema.createIndex('corrections_published').on('corrections').column('published_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'corrections',
    'article_slugs',
    'article_revisions',
    'article_tags',
    'article_authors',
    'articles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
