import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Search filters inside the full-text index (SQLite). A search narrowed to a section, an author or
 * dates wants the newest matches that pass the filters; with the filters held outside the index,
 * every way to find them either walks matches that fail (a tenth of a second for a common word in a
 * section at a million articles) or looks articles up in FTS5 one by one (about 100 µs each there),
 * measured. Held as words of their own in a fourth column, a filter is part of the MATCH and FTS5
 * merges the lists itself, skipping ahead in the long ones: a few milliseconds at any archive size.
 *
 * The filter words start with U+E010, a private-use character: the tokenizer keeps it inside a word
 * (categories Co), and a reader's query is cut at anything but letters, marks and digits, so no
 * search can reach them. `search-sqlite-tokens.ts` writes the same words into queries:
 *   s<section id, no dashes>   a<author id, no dashes>, one per byline
 *   y<YYYY> m<YYYYMM> d<YYYYMMDD> h<YYYYMMDDHH>   the UTC year, month, day and hour of published_at
 * (the hour because a day in the paper's time zone starts at some UTC hour, seldom at midnight)
 * Only the article's own section: a search of a section ORs its subsections' words, so moving a
 * section in the tree changes no article's words.
 *
 * The index still keeps itself in step inside the database, as in 0007, so no application write
 * path (services, importer, bench generator) changes: its content is a view of the published
 * articles with their filter words, and triggers tell FTS5 the old and new rows. A byline added or
 * removed changes only the filter words, so those triggers remove and add the filter column alone
 * (FTS5 removes a row's words one list at a time, so the body's words are left as they were); this
 * is why the index keeps no per-row column sizes (columnsize=0), which an update of one column would
 * leave wrong. Building the new index reads every published article once: minutes at a million.
 * The articles_search_filters index and articles_search_vocab (0014) served the old ways of filtering
 * and of finding a prefix's words, and go (search-sqlite-words.ts reads the index's pages instead).
 * PostgreSQL filters with its own planner over the tsvector and plain indexes; nothing changes there.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const trigger of ['articles_search_insert', 'articles_search_update', 'articles_search_delete']) {
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table if exists articles_search_vocab`.execute(db);
  await sql`drop table if exists articles_search`.execute(db);
  await sql`drop index if exists articles_search_filters`.execute(db);

  const mark = sql`char(57360)`; // U+E010
  // published_at is ISO UTC text (ADR 0002): YYYY-MM-DDTHH:...
  const time = (part: 'y' | 'm' | 'd' | 'h') => {
    const length = { y: 1, m: 2, d: 3, h: 4 }[part];
    const pieces = [
      sql`substr(a.published_at, 1, 4)`,
      ...[6, 9, 12].map((at) => sql`substr(a.published_at, ${sql.lit(at)}, 2)`),
    ];
    return sql`${mark} || ${sql.lit(part)} || ${sql.join(pieces.slice(0, length), sql` || `)}`;
  };
  // concat_ws skips nulls: no section, no byline, no time give no word.
  await sql`
    create view articles_search_source as
    select a.rowid as article_rowid, a.headline, a.dek, a.body_text,
      concat_ws(' ',
        ${mark} || 's' || replace(a.section_id, '-', ''),
        (select group_concat(${mark} || 'a' || replace(aa.author_id, '-', ''), ' ')
          from article_authors aa where aa.article_id = a.id),
        ${time('y')}, ${time('m')}, ${time('d')}, ${time('h')}
      ) as filters
    from articles a
    where a.status = 'published'`.execute(db);
  await sql`
    create virtual table articles_search using fts5(
      headline, dek, body_text, filters,
      content = 'articles_search_source', content_rowid = 'article_rowid', columnsize = 0,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )`.execute(db);
  await createTriggers(db);
  await sql`insert into articles_search (articles_search) values ('rebuild')`.execute(db);
}

/**
 * The index's old row is read from the view before a change (BEFORE triggers) and its new row
 * after, so each trigger leaves the index equal to the view. An article is re-indexed only when a
 * column the view reads changed value, not on every save.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function createTriggers(db: Kysely<any>): Promise<void> {
  const columns = ['status', 'headline', 'dek', 'body_text', 'section_id', 'published_at'];
  const changed = sql.raw(columns.map((c) => `old.${c} is not new.${c}`).join(' or '));
  const of = sql.raw(columns.join(', '));
  const remove = (rowid: string) => sql`
      insert into articles_search (articles_search, rowid, headline, dek, body_text, filters)
      select 'delete', article_rowid, headline, dek, body_text, filters
      from articles_search_source where article_rowid = ${sql.raw(rowid)};`;
  const add = (rowid: string) => sql`
      insert into articles_search (rowid, headline, dek, body_text, filters)
      select article_rowid, headline, dek, body_text, filters
      from articles_search_source where article_rowid = ${sql.raw(rowid)};`;
  await sql`
    create trigger articles_search_insert after insert on articles
    when new.status = 'published'
    begin ${add('new.rowid')} end`.execute(db);
  await sql`
    create trigger articles_search_update_old before update of ${of} on articles
    when old.status = 'published' and (${changed})
    begin ${remove('old.rowid')} end`.execute(db);
  await sql`
    create trigger articles_search_update_new after update of ${of} on articles
    when new.status = 'published' and (${changed})
    begin ${add('new.rowid')} end`.execute(db);
  await sql`
    create trigger articles_search_delete before delete on articles
    when old.status = 'published'
    begin ${remove('old.rowid')} end`.execute(db);

  // Bylines: the filter column alone. The view has no row for an article that is not published or
  // no longer exists (a byline deleted by the article's own delete), so nothing is written then.
  // The article is found by an equality on its rowid: written as an IN list, SQLite walks every
  // published article instead (measured), on every byline written.
  const article = (ref: string) => sql.raw(`(select rowid from articles where id = ${ref})`);
  const removeFilters = (ref: string, unless = sql`0`) => sql`
      insert into articles_search (articles_search, rowid, headline, dek, body_text, filters)
      select 'delete', article_rowid, '', '', '', filters
      from articles_search_source where article_rowid = ${article(ref)} and not (${unless});`;
  const addFilters = (ref: string, unless = sql`0`) => sql`
      insert into articles_search (rowid, headline, dek, body_text, filters)
      select article_rowid, '', '', '', filters
      from articles_search_source where article_rowid = ${article(ref)} and not (${unless});`;
  const same = sql`new.article_id is old.article_id`;
  const bylines = [
    ['insert', [removeFilters('new.article_id')], [addFilters('new.article_id')]],
    ['delete', [removeFilters('old.article_id')], [addFilters('old.article_id')]],
    [
      'update of article_id, author_id',
      [removeFilters('old.article_id'), removeFilters('new.article_id', same)],
      [addFilters('old.article_id'), addFilters('new.article_id', same)],
    ],
  ] as const;
  for (const [event, before, after] of bylines) {
    const name = event.split(' ')[0];
    await sql`
      create trigger ${sql.id(`articles_search_byline_${name}_old`)} before ${sql.raw(event)} on article_authors
      begin ${sql.join(before, sql``)} end`.execute(db);
    await sql`
      create trigger ${sql.id(`articles_search_byline_${name}_new`)} after ${sql.raw(event)} on article_authors
      begin ${sql.join(after, sql``)} end`.execute(db);
  }
}

/** Back to 0007's index and 0014's vocabulary table and filter index. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'trigger' and name like 'articles_search_%'`.execute(db);
  for (const { name } of rows) await sql`drop trigger ${sql.id(name)}`.execute(db);
  await sql`drop table if exists articles_search_vocab`.execute(db);
  await sql`drop table if exists articles_search`.execute(db);
  await sql`drop view if exists articles_search_source`.execute(db);
  await sql`
    create virtual table articles_search using fts5(
      headline, dek, body_text,
      content = 'articles', content_rowid = 'rowid',
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )`.execute(db);
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
  await sql`
    insert into articles_search (rowid, headline, dek, body_text)
    select rowid, headline, dek, body_text from articles where status = 'published'`.execute(db);
  await sql`create virtual table articles_search_vocab using fts5vocab(articles_search, row)`.execute(db);
  await sql`
    create index articles_search_filters on articles (id, status, section_id, published_at)`.execute(db);
}
