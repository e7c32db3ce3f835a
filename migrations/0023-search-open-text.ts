import { type Kysely, SqliteAdapter, sql } from 'kysely';
import type { ArticleAccess } from '../src/capabilities/articles/article.js';
import { type ArticleDocument, publicBodyText } from '../src/capabilities/articles/document/index.js';

/**
 * Search holds only what every reader may read (issue 12, F1). Until now the index held the whole
 * body, so a search for a word past the registration wall found its article and quoted the walled
 * text around it in a public, cacheable page; repeated queries rebuilt the cut part. Now the index's
 * body column is `articles.public_text`: the whole body of an always-free article, only the open
 * part (the blocks the wall leaves, `publicBodyText`) of a metered or registration-only one. A walled
 * word then neither matches nor shows in a snippet, on both databases.
 *
 * The column is filled here from each article's body with the same function the article service
 * uses on every save (so existing rows get exactly what a save would write), in batches, then each
 * engine's index is rebuilt: SQLite's view now reads `public_text` and its update triggers watch it
 * (and no longer `body_text`); PostgreSQL's generated column is recomputed from it. Reading every
 * article once: minutes at a million.
 */

const BATCH = 500;

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('public_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // The index is taken down while the column is filled, so no row is indexed twice.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) await dropSqliteUpdateTriggers(db);
  else await dropPostgresVector(db);
  await fillPublicText(db);
  if (sqlite) await indexSqlite(db, 'public_text');
  else await addPostgresVector(db, 'public_text');
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await dropSqliteUpdateTriggers(db);
    await indexSqlite(db, 'body_text');
  } else {
    await dropPostgresVector(db);
    await addPostgresVector(db, 'body_text');
  }
  await db.schema.alterTable('articles').dropColumn('public_text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
async function fillPublicText(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows: { id: string; body: string; access: string }[] = await db
      .selectFrom('articles')
      .select(['id', 'body', 'access'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const text = publicBodyText(JSON.parse(row.body) as ArticleDocument, row.access as ArticleAccess);
      await db.updateTable('articles').set({ public_text: text }).where('id', '=', row.id).execute();
    }
    after = rows[rows.length - 1]!.id;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above
async function dropSqliteUpdateTriggers(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists articles_search_update_old`.execute(db);
  await sql`drop trigger if exists articles_search_update_new`.execute(db);
}

/** 0016's view reads the body from `articles.body_text`; this migration reads it from `public_text`. */
const VIEW_BODY = { body_text: 'a.body_text,', public_text: 'a.public_text as body_text,' } as const;

/**
 * SQLite: 0016's view and update triggers, with `column` as the index's body, then a rebuild. The
 * FTS5 table, its insert and delete triggers and the byline triggers read the view by name and stay.
 * The view's text is taken from the schema and only its body column changed, so the filter words
 * stay exactly as 0016 wrote them.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function indexSqlite(db: Kysely<any>, column: keyof typeof VIEW_BODY): Promise<void> {
  const { rows } = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'view' and name = 'articles_search_source'`.execute(db);
  const view = rows[0]?.sql ?? '';
  const was = VIEW_BODY[column === 'public_text' ? 'body_text' : 'public_text'];
  if (!view.includes(was)) throw new Error(`articles_search_source does not read "${was}" (migration 0016).`);
  await sql`drop view articles_search_source`.execute(db);
  await sql.raw(view.replace(was, VIEW_BODY[column])).execute(db);

  const columns = ['status', 'headline', 'dek', column, 'section_id', 'published_at'];
  const changed = sql.raw(columns.map((c) => `old.${c} is not new.${c}`).join(' or '));
  const of = sql.raw(columns.join(', '));
  await sql`
    create trigger articles_search_update_old before update of ${of} on articles
    when old.status = 'published' and (${changed})
    begin
      insert into articles_search (articles_search, rowid, headline, dek, body_text, filters)
      select 'delete', article_rowid, headline, dek, body_text, filters
      from articles_search_source where article_rowid = old.rowid;
    end`.execute(db);
  await sql`
    create trigger articles_search_update_new after update of ${of} on articles
    when new.status = 'published' and (${changed})
    begin
      insert into articles_search (rowid, headline, dek, body_text, filters)
      select article_rowid, headline, dek, body_text, filters
      from articles_search_source where article_rowid = new.rowid;
    end`.execute(db);
  await sql`insert into articles_search (articles_search) values ('rebuild')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above
async function dropPostgresVector(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists articles_search_vector`.execute(db);
  await sql`alter table articles drop column if exists search_vector`.execute(db);
}

/** PostgreSQL: 0007's generated column and partial GIN index, the body weight read from `column`. */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function addPostgresVector(db: Kysely<any>, column: keyof typeof VIEW_BODY): Promise<void> {
  await sql`
    alter table articles add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, headline), 'A') ||
      setweight(to_tsvector('simple'::regconfig, dek), 'B') ||
      setweight(to_tsvector('simple'::regconfig, ${sql.ref(column)}), 'C')
    ) stored`.execute(db);
  await sql`
    create index articles_search_vector on articles using gin (search_vector)
    where status = 'published'`.execute(db);
}
