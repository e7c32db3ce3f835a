import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { SectionTable } from './section-table.js';

export type SectionRow = Selectable<SectionTable>;

export async function listSectionRows(db: Db): Promise<SectionRow[]> {
  return db.selectFrom('sections').selectAll().execute();
}

export async function findSectionRowById(db: Db, id: string): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSectionRowByPath(db: Db, path: string): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('path', '=', path).executeTakeFirst();
}

/** The section itself and everything below it, by path. */
export async function findSubtreeRows(db: Db, path: string): Promise<SectionRow[]> {
  // Paths hold only a-z, 0-9, '-' and '/', so no LIKE wildcard can hide in them.
  return db
    .selectFrom('sections')
    .selectAll()
    .where((eb) => eb.or([eb('path', '=', path), eb('path', 'like', `${path}/%`)]))
    .execute();
}

export async function countSubsections(db: Db, id: string): Promise<number> {
  const { n } = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The highest position among the children of `parentId` (top sections when null), or null if none. */
export async function maxSiblingPosition(db: Db, parentId: string | null): Promise<number | null> {
  const { max } = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirstOrThrow();
  return max === null ? null : Number(max);
}

export async function insertSection(db: Db, row: Insertable<SectionTable>): Promise<void> {
  await db.insertInto('sections').values(row).execute();
}

export async function updateSectionRow(db: Db, id: string, patch: Updateable<SectionTable>): Promise<void> {
  await db.updateTable('sections').set(patch).where('id', '=', id).execute();
}

export async function deleteSectionRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sections').where('id', '=', id).execute();
}
