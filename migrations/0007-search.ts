import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

/**
 * Full-text search over published articles (ADR 0007). This migration branches on the dialect on
 * purpose: each engine's full-text index is its own kind of object (an FTS5 virtual table kept by
 * triggers on SQLite, a stored generated tsvector column with a GIN index on PostgreSQL), and
 * Kysely's schema builder describes neither. Both keep the index in step inside the database, so no
 * application code in the write path can forget it.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return upSqlite(db);
  if (adapter instanceof PostgresAdapter) return upPostgres(db);
  throw new Error('Search supports SQLite and PostgreSQL only.');
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) {
    for (const trigger of ['articles_search_insert', 'articles_search_update', 'articles_search_delete']) {
      await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
    }
    await sql`drop table if exists articles_search`.execute(db);
  } else if (adapter instanceof PostgresAdapter) {
    await sql`drop index if exists articles_search_vector`.execute(db);
    await sql`alter table articles drop column if exists search_vector`.execute(db);
  }
}

/**
 * An external-content FTS5 table: the text stays in `articles` (no second copy), the index keys
 * on the article row's implicit rowid (`articles.id` is text, so it cannot be content_rowid).
 * Only published rows are indexed, so drafts can never match. The tokenizer keeps diacritics
 * (PostgreSQL's `simple` config does too, so both databases match alike) and counts combining
 * marks as part of a word: unicode61's default categories would split Hindi or vowelled Arabic
 * words at every vowel sign.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`
    create virtual table articles_search using fts5(
      headline, dek, body_text,
      content = 'articles', content_rowid = 'rowid',
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )`.execute(db);
  // An external-content index must be told the exact old text to remove, so the delete side
  // always uses the old row's values, and only if that row had been indexed (was published).
  await sql`
    create trigger articles_search_insert after insert on articles
    when new.status = 'published'
    begin
      insert into articles_search (rowid, headline, dek, body_text)
      values (new.rowid, new.headline, new.dek, new.body_text);
    end`.execute(db);
  await sql`
    create trigger articles_search_update after update of status, headline, dek, body_text on articles
    begin
      insert into articles_search (articles_search, rowid, headline, dek, body_text)
      select 'delete', old.rowid, old.headline, old.dek, old.body_text where old.status = 'published';
      insert into articles_search (rowid, headline, dek, body_text)
      select new.rowid, new.headline, new.dek, new.body_text where new.status = 'published';
    end`.execute(db);
  await sql`
    create trigger articles_search_delete after delete on articles
    when old.status = 'published'
    begin
      insert into articles_search (articles_search, rowid, headline, dek, body_text)
      values ('delete', old.rowid, old.headline, old.dek, old.body_text);
    end`.execute(db);
  // Articles published before this migration ran.
  await sql`
    insert into articles_search (rowid, headline, dek, body_text)
    select rowid, headline, dek, body_text from articles where status = 'published'`.execute(db);
}

/**
 * A stored generated column: PostgreSQL recomputes it on every insert and update of the row.
 * Weights A (headline), B (dek), C (body) feed ts_rank_cd. The `simple` config lower-cases and
 * never stems or drops stop words, so it works for a paper in any language and matches the
 * SQLite tokenizer; a stemming config would have to be fixed here for one language (a generated
 * column's expression must be immutable) and would make the two databases find different things.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`
    alter table articles add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, headline), 'A') ||
      setweight(to_tsvector('simple'::regconfig, dek), 'B') ||
      setweight(to_tsvector('simple'::regconfig, body_text), 'C')
    ) stored`.execute(db);
  // Partial: the reader site searches published articles only, and drafts stay out of the index.
  await sql`
    create index articles_search_vector on articles using gin (search_vector)
    where status = 'published'`.execute(db);
}
