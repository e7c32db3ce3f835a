import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { AuthorKind } from './author.js';
import type { AuthorTable } from './author-table.js';

export type AuthorRow = Selectable<AuthorTable>;

/**
 * Authors by name. `slugPart` and `namePart` keep those whose slug or (lower-cased) name contains
 * them, so "doe" finds "Jane Doe"; empty parts are left out.
 */
export async function listAuthorRows(
  db: Db,
  query: { slugPart: string; namePart: string; kind?: AuthorKind; limit: number },
): Promise<AuthorRow[]> {
  let select = db.selectFrom('authors').selectAll();
  if (query.kind === 'guest') select = select.where('staff_id', 'is', null);
  if (query.kind === 'staff') select = select.where('staff_id', 'is not', null);
  if (query.slugPart || query.namePart) {
    select = select.where((eb) => {
      const either = [];
      // Slugs hold only a-z, 0-9 and '-': no LIKE wildcard can be in them.
      if (query.slugPart) either.push(eb('slug', 'like', `%${query.slugPart}%`));
      if (query.namePart) {
        const pattern = `%${query.namePart.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        either.push(sql<boolean>`lower(${sql.ref('name')}) like ${pattern} escape '\\'`);
      }
      return eb.or(either);
    });
  }
  return select.orderBy('name').orderBy('slug').limit(query.limit).execute();
}

export async function findAuthorRowById(db: Db, id: string): Promise<AuthorRow | undefined> {
  return db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAuthorRowsByIds(db: Db, ids: string[]): Promise<AuthorRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('authors').selectAll().where('id', 'in', ids).execute();
}

export async function findAuthorRowBySlug(db: Db, slug: string): Promise<AuthorRow | undefined> {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findAuthorRowsBySlugs(db: Db, slugs: string[]): Promise<AuthorRow[]> {
  if (slugs.length === 0) return [];
  return db.selectFrom('authors').selectAll().where('slug', 'in', slugs).execute();
}

export async function findAuthorRowByStaffId(db: Db, staffId: string): Promise<AuthorRow | undefined> {
  return db.selectFrom('authors').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
}

/** Slugs equal to `base` or of the form `base-...`, to pick a free one. */
export async function findSlugsLike(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('authors')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

export async function insertAuthor(db: Db, row: Insertable<AuthorTable>): Promise<void> {
  await db.insertInto('authors').values(row).execute();
}

/**
 * Inserts rows unless their slug or staff account already has a profile; a conflict is skipped,
 * not an error, so a transaction on PostgreSQL stays usable and the caller reads back what won.
 */
export async function insertAuthorsIfFree(db: Db, rows: Insertable<AuthorTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('authors')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function updateAuthorRow(db: Db, id: string, patch: Updateable<AuthorTable>): Promise<void> {
  await db.updateTable('authors').set(patch).where('id', '=', id).execute();
}

export async function deleteAuthorRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('authors').where('id', '=', id).execute();
}
