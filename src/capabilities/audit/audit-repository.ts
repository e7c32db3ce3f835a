import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { AuditFilter } from './audit.js';
import type { AuditEventTable } from './audit-table.js';

export type AuditEventRow = Selectable<AuditEventTable>;

export async function insertAuditEvent(db: Db, row: Insertable<AuditEventTable>): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/**
 * A page of events in id order (UUIDv7 is time-ordered): `newest` first for the screen, `oldest`
 * first for the export; `afterId` is the last id of the previous page either way. The filters walk
 * the (action, id) and (staff_id, id) indexes.
 */
export async function listAuditEventRows(
  db: Db,
  filter: AuditFilter & { order: 'newest' | 'oldest'; afterId?: string | undefined; limit: number },
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.staffId) query = query.where('staff_id', '=', filter.staffId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.before) query = query.where('at', '<', filter.before);
  const newest = filter.order === 'newest';
  if (filter.afterId) query = query.where('id', newest ? '<' : '>', filter.afterId);
  return query
    .orderBy('id', newest ? 'desc' : 'asc')
    .limit(filter.limit)
    .execute();
}
