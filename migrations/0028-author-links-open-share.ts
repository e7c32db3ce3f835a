import type { Kysely } from 'kysely';
import type { ArticleAccess } from '../src/capabilities/articles/article.js';
import { type ArticleDocument, publicBodyText } from '../src/capabilities/articles/document/index.js';

/**
 * Issue 14, the reader's paper.
 *
 * - `authors.links`: the links an author page shows (JSON `[{"label","url"}]`, https only, checked by
 *   the authors service); every existing author starts with none.
 * - The open part of a walled article is now a share of its blocks (`wall.open_share_percent`), not
 *   the first three: a two-paragraph brief opens one. `articles.public_text`, what search indexes and
 *   quotes (migration 0023), held the first three blocks and so, for a short article, text the page
 *   now cuts. It is refilled from each body with the function every save uses; the search index
 *   follows the column by itself (SQLite's update triggers, PostgreSQL's generated column).
 */

const BATCH = 500;

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('authors')
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  let after = '';
  for (;;) {
    const rows: { id: string; body: string; access: string; public_text: string }[] = await db
      .selectFrom('articles')
      .select(['id', 'body', 'access', 'public_text'])
      .where('id', '>', after)
      .where('access', '!=', 'free')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const text = publicBodyText(JSON.parse(row.body) as ArticleDocument, row.access as ArticleAccess);
      if (text !== row.public_text) {
        await db.updateTable('articles').set({ public_text: text }).where('id', '=', row.id).execute();
      }
    }
    after = rows.at(-1)!.id;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  // The shorter open text stays: it is what the wall allows under any share.
  await db.schema.alterTable('authors').dropColumn('links').execute();
}
