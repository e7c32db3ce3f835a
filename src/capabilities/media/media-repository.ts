import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import { containsPattern } from '../../platform/database/like.js';
import type { CursorPosition } from '../../platform/http/cursor.js';
import type { MediaTable, MediaVariantTable } from './media-table.js';

export type MediaRow = Selectable<MediaTable>;
export type VariantRow = Selectable<MediaVariantTable>;

export async function insertMediaRow(db: Db, row: Insertable<MediaTable>): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

export async function findMediaRow(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several photos at once (a page of cards); unknown ids are simply absent. */
export async function findMediaRows(db: Db, ids: readonly string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
}

export async function updateMediaRow(db: Db, id: string, patch: Updateable<MediaTable>): Promise<void> {
  await db.updateTable('media').set(patch).where('id', '=', id).execute();
}

export async function deleteMediaRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('media').where('id', '=', id).execute();
}

export interface MediaListFilter {
  /** Lower-cased; kept when the caption, credit or creator contains it. */
  contains?: string;
  /** Keyset cursor: rows strictly older than (created_at, id). */
  after?: CursorPosition;
  limit: number;
}

/** Newest first, keyset-paginated so deep pages cost the same as the first. */
export async function listMediaRows(db: Db, filter: MediaListFilter): Promise<MediaRow[]> {
  let query = db.selectFrom('media').selectAll();
  if (filter.contains) {
    // Captions can hold % and _, so the search text is escaped; ESCAPE reads the same in both dialects.
    const pattern = containsPattern(filter.contains);
    query = query.where((eb) =>
      eb.or(
        (['caption', 'credit', 'creator'] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (filter.after) {
    const { at: createdAt, id } = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function findVariantRows(db: Db, mediaIds: readonly string[]): Promise<VariantRow[]> {
  if (mediaIds.length === 0) return [];
  return db
    .selectFrom('media_variants')
    .selectAll()
    .where('media_id', 'in', mediaIds)
    .orderBy('media_id')
    .orderBy('kind')
    .orderBy('width')
    .orderBy('format')
    .execute();
}

/** Swaps the rows of the given kinds for new ones (a re-run of the job, or a new social crop). */
export async function replaceVariantRows(
  db: Db,
  mediaId: string,
  kinds: readonly string[],
  rows: Insertable<MediaVariantTable>[],
): Promise<void> {
  if (kinds.length > 0) {
    await db
      .deleteFrom('media_variants')
      .where('media_id', '=', mediaId)
      .where('kind', 'in', kinds)
      .execute();
  }
  if (rows.length > 0) await db.insertInto('media_variants').values(rows).execute();
}

/** The current articles whose lead image or body names this media id, and where. */
export async function findArticlesNaming(
  db: Db,
  needle: string,
): Promise<
  { id: string; headline: string; slug: string; status: string; in_lead: number; in_body: number }[]
> {
  const pattern = containsPattern(needle);
  const inLead = sql<boolean>`${sql.ref('lead_image')} like ${pattern} escape '\\'`;
  const inBody = sql<boolean>`${sql.ref('body')} like ${pattern} escape '\\'`;
  return db
    .selectFrom('articles')
    .select(['id', 'headline', 'slug', 'status'])
    .select([
      sql<number>`case when ${inLead} then 1 else 0 end`.as('in_lead'),
      sql<number>`case when ${inBody} then 1 else 0 end`.as('in_body'),
    ])
    .where((eb) => eb.or([inLead, inBody]))
    .orderBy('saved_at', 'desc')
    .orderBy('id')
    .execute();
}
