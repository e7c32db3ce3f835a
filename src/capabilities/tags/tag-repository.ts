import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { TagTable } from './tag-table.js';

export type TagRow = Selectable<TagTable>;

/**
 * Tags whose slug starts with `slugPrefix` or whose name starts with `namePrefix` (lower-cased),
 * by name. An empty prefix is left out of the match; both empty lists every tag.
 */
export async function listTagRows(
  db: Db,
  query: { slugPrefix: string; namePrefix: string; limit: number },
): Promise<TagRow[]> {
  let select = db.selectFrom('tags').selectAll();
  if (query.slugPrefix || query.namePrefix) {
    select = select.where((eb) => {
      const either = [];
      // Slugs hold only a-z, 0-9 and '-': no LIKE wildcard can be in them.
      if (query.slugPrefix) either.push(eb('slug', 'like', `${query.slugPrefix}%`));
      if (query.namePrefix) {
        // Names can hold % and _, so they are escaped; ESCAPE reads the same in SQLite and PostgreSQL.
        const pattern = `${query.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        either.push(sql<boolean>`lower(${sql.ref('name')}) like ${pattern} escape '\\'`);
      }
      return eb.or(either);
    });
  }
  return select.orderBy('name').orderBy('slug').limit(query.limit).execute();
}

export async function findTagRowById(db: Db, id: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTagRowBySlug(db: Db, slug: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findTagRowsBySlugs(db: Db, slugs: string[]): Promise<TagRow[]> {
  if (slugs.length === 0) return [];
  return db.selectFrom('tags').selectAll().where('slug', 'in', slugs).execute();
}

export async function insertTag(db: Db, row: Insertable<TagTable>): Promise<void> {
  await db.insertInto('tags').values(row).execute();
}

/** Inserts the tags whose slug is free; a slug another writer took meanwhile is skipped, not an error. */
export async function insertMissingTags(db: Db, rows: Insertable<TagTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('tags')
    .values(rows)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

export async function updateTagRow(db: Db, id: string, patch: Updateable<TagTable>): Promise<void> {
  await db.updateTable('tags').set(patch).where('id', '=', id).execute();
}

export async function deleteTagRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('tags').where('id', '=', id).execute();
}

/** How many articles carry each of these tags; a tag no article carries is left out. */
export async function countArticlesByTag(db: Db, tagIds: string[]): Promise<Map<string, number>> {
  if (tagIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('article_tags')
    .select(['tag_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('tag_id', 'in', tagIds)
    .groupBy('tag_id')
    .execute();
  return new Map(rows.map((r) => [r.tag_id, Number(r.n)]));
}

/** The articles carrying a tag: their pages name it, so they are purged when it changes. */
export async function findArticleIdsTagged(db: Db, tagId: string): Promise<string[]> {
  const rows = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute();
  return rows.map((r) => r.article_id);
}

/**
 * Moves every article from one tag to another, keeping each article's tag order and its listing time
 * (`published_at`, migration 0014); an article that already carries both keeps its own row of `into`.
 */
export async function moveArticleTags(db: Db, fromId: string, intoId: string): Promise<void> {
  await db
    .deleteFrom('article_tags')
    .where('tag_id', '=', fromId)
    .where('article_id', 'in', (eb) =>
      eb.selectFrom('article_tags as both').select('both.article_id').where('both.tag_id', '=', intoId),
    )
    .execute();
  await db.updateTable('article_tags').set({ tag_id: intoId }).where('tag_id', '=', fromId).execute();
}

/** The tag an old slug now leads to, if any. */
export async function findRedirectTarget(db: Db, oldSlug: string): Promise<TagRow | undefined> {
  return db
    .selectFrom('tag_redirects')
    .innerJoin('tags', 'tags.id', 'tag_redirects.tag_id')
    .selectAll('tags')
    .where('tag_redirects.old_slug', '=', oldSlug)
    .executeTakeFirst();
}

/** Points `oldSlug` at a tag, replacing wherever it pointed before. */
export async function saveRedirect(db: Db, oldSlug: string, tagId: string, at: string): Promise<void> {
  await db
    .insertInto('tag_redirects')
    .values({ old_slug: oldSlug, tag_id: tagId, created_at: at })
    .onConflict((oc) => oc.column('old_slug').doUpdateSet({ tag_id: tagId, created_at: at }))
    .execute();
}

/** The redirects that led to one tag now lead to another (a merged tag's own old addresses). */
export async function repointRedirects(db: Db, fromId: string, intoId: string): Promise<void> {
  await db.updateTable('tag_redirects').set({ tag_id: intoId }).where('tag_id', '=', fromId).execute();
}

/** A slug a live tag holds again is that tag's address, no longer a redirect. */
export async function deleteRedirect(db: Db, oldSlug: string): Promise<void> {
  await db.deleteFrom('tag_redirects').where('old_slug', '=', oldSlug).execute();
}
