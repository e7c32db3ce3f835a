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
