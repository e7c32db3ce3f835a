import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { AuditEventTable } from './audit-table.js';

export type AuditEventRow = Selectable<AuditEventTable>;

export async function insertAuditEvent(db: Db, row: Insertable<AuditEventTable>): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

/** Newest first, by id (UUIDv7 is time-ordered); `before` is the last id of the previous page. */
export async function listAuditEventRows(
  db: Db,
  filter: { action?: string | undefined; before?: string | undefined; limit: number },
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}
