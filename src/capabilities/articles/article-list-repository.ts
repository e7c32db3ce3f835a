import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { containsText } from '../../platform/database/like.js';
import type { Database } from '../../platform/database/schema.js';
import type { CursorPosition } from '../../platform/http/cursor.js';
import type { ArticleSort } from './article-list.js';
import type { ArticleRow } from './article-repository.js';

export interface ListFilter {
  status?: string;
  sectionId?: string;
  authorId?: string;
  tagId?: string;
  /** Text found (ignoring case) in the headline, dek, slug or body of the newsroom's copy, drafts included. */
  text?: string;
  sort: ArticleSort;
  /** Keyset cursor: rows strictly after (key, id) in the sort's order. */
  after?: CursorPosition;
  /** Keep only what this staff member may read: published, made by them, or crediting them (ADR 0014). */
  readableBy?: { staffId: string | null };
  limit: number;
}

/** A listed row with the value of its sort key, which the next page's cursor carries. */
export type ListedRow = ArticleRow & { list_key: string };

/**
 * Each order's key and direction. The key is an expression the same in both dialects: never-published
 * articles have an empty publication key (last when newest come first); headlines compare in lower case,
 * in the database's own collation, so the cursor compares the way ORDER BY sorts.
 */
const ORDERS: Record<ArticleSort, { key: RawBuilder<string>; direction: 'asc' | 'desc' }> = {
  updated: { key: sql<string>`${sql.ref('saved_at')}`, direction: 'desc' },
  oldest: { key: sql<string>`${sql.ref('saved_at')}`, direction: 'asc' },
  published: { key: sql<string>`coalesce(${sql.ref('published_at')}, '')`, direction: 'desc' },
  headline: { key: sql<string>`lower(${sql.ref('headline')})`, direction: 'asc' },
};

const SEARCHED = ['headline', 'dek', 'slug', 'body_text'] as const;

/** One page of the newsroom's list in the chosen order, keyset-paginated so deep pages cost the same as the first. */
export async function listArticleRows(db: Db, filter: ListFilter): Promise<ListedRow[]> {
  const order = ORDERS[filter.sort];
  let query = db.selectFrom('articles').selectAll().select(order.key.as('list_key'));
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.sectionId) query = query.where('section_id', '=', filter.sectionId);
  if (filter.authorId) {
    const authorId = filter.authorId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
    );
  }
  if (filter.tagId) {
    const tagId = filter.tagId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
    );
  }
  if (filter.text) {
    // The body text is the newsroom's copy (drafts too), never the public search index, which holds only
    // what readers may read.
    const text = filter.text;
    query = query.where((eb) => eb.or(SEARCHED.map((column) => containsText(db, column, text))));
  }
  if (filter.after) {
    const { at, id } = filter.after;
    const beyond = order.direction === 'desc' ? '<' : '>';
    query = query.where((eb) =>
      eb.or([eb(order.key, beyond, at), eb.and([eb(order.key, '=', at), eb('id', beyond, id)])]),
    );
  }
  if (filter.readableBy) query = query.where(readableBy(filter.readableBy.staffId));
  return query
    .orderBy(order.key, order.direction)
    .orderBy('id', order.direction)
    .limit(filter.limit)
    .execute();
}

/**
 * The read rule of ADR 0014 as SQL, so a list pages over what the reader may see (filtering after the
 * LIMIT would return short pages and reveal that something was skipped).
 */
function readableBy(staffId: string | null) {
  return (eb: ExpressionBuilder<Database, 'articles'>) => {
    if (staffId === null) return eb('status', '=', 'published');
    return eb.or([
      eb('status', '=', 'published'),
      eb('created_by', '=', staffId),
      eb(
        'id',
        'in',
        eb
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .select('article_authors.article_id')
          .where('authors.staff_id', '=', staffId),
      ),
    ]);
  };
}
