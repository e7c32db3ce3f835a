import type { Db } from '../../platform/database/database.js';
import type { DemoItemKind } from './demo-table.js';

/** Records, inside the transaction that made them, what the demo edition made. */
export async function recordDemoItems(db: Db, kind: DemoItemKind, ids: Iterable<string>): Promise<void> {
  const rows = [...new Set(ids)].map((id) => ({ kind, id }));
  if (rows.length === 0) return;
  await db
    .insertInto('demo_items')
    .values(rows)
    .onConflict((oc) => oc.columns(['kind', 'id']).doNothing())
    .execute();
}

export async function listDemoItems(db: Db): Promise<{ kind: DemoItemKind; id: string }[]> {
  return db.selectFrom('demo_items').select(['kind', 'id']).orderBy('kind').orderBy('id').execute();
}

export async function deleteDemoItems(db: Db): Promise<void> {
  await db.deleteFrom('demo_items').execute();
}

/**
 * Whether the database holds anything a paper made itself: an article, section, tag, author,
 * legal document, staff account, or a photo the demo did not upload (a demo photo from a start that
 * crashed before its edition was written does not count). One row read per table at most.
 */
export async function holdsPaperContent(db: Db): Promise<boolean> {
  const any = async (query: { executeTakeFirst(): Promise<unknown> }) =>
    (await query.executeTakeFirst()) !== undefined;
  return (
    (await any(db.selectFrom('staff').select('id').limit(1))) ||
    (await any(db.selectFrom('articles').select('id').limit(1))) ||
    (await any(db.selectFrom('sections').select('id').limit(1))) ||
    (await any(db.selectFrom('tags').select('id').limit(1))) ||
    (await any(db.selectFrom('authors').select('id').limit(1))) ||
    (await any(db.selectFrom('legal_documents').select('id').limit(1))) ||
    (await any(
      db
        .selectFrom('media')
        .select('id')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('demo_items')
                .select('demo_items.id')
                .where('demo_items.kind', '=', 'photo')
                .whereRef('demo_items.id', '=', 'media.id'),
            ),
          ),
        )
        .limit(1),
    ))
  );
}

/** How many of the paper's articles (and subsections, for a section) use a demo section, tag or author. */
export async function countUses(db: Db, kind: 'section' | 'tag' | 'author', id: string): Promise<number> {
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }> }) =>
    Number((await query.executeTakeFirstOrThrow()).n);
  if (kind === 'tag') {
    return count(
      db
        .selectFrom('article_tags')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tag_id', '=', id),
    );
  }
  if (kind === 'author') {
    return count(
      db
        .selectFrom('article_authors')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('author_id', '=', id),
    );
  }
  return (
    (await count(
      db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('section_id', '=', id),
    )) +
    (await count(
      db
        .selectFrom('sections')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('parent_id', '=', id),
    ))
  );
}
