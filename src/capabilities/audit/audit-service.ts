import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { type Actor, assertRole } from '../staff/index.js';
import {
  type AuditAction,
  type AuditEvent,
  type AuditFilter,
  type NewAuditEvent,
  summaryLine,
} from './audit.js';
import { type AuditEventRow, insertAuditEvent, listAuditEventRows } from './audit-repository.js';

/**
 * The one way anything is written to the audit trail: inside the transaction of the change it
 * records, so the event and the change are committed together or not at all. Who acted is copied
 * from the actor as they are now.
 */
export async function recordAuditEvent(
  trx: Db,
  clock: Clock,
  actor: Actor,
  event: NewAuditEvent,
): Promise<void> {
  const now = clock.now();
  await insertAuditEvent(trx, {
    id: newId(now.getTime()),
    at: isoTime(now),
    staff_id: actor.staffId,
    staff_name: actor.name,
    staff_role: actor.role,
    action: event.action,
    subject_kind: event.subject.kind,
    subject_id: event.subject.id,
    summary: summaryLine(event.summary),
    details: JSON.stringify(event.details ?? {}),
  });
}

export const AUDIT_PAGE = 50;

/** A page of the trail, newest first (admins and owners); `cursor` is the previous page's `nextCursor`. */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  query: AuditFilter & { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  assertRole(actor, 'admin', 'read the audit trail');
  const limit = query.limit ?? AUDIT_PAGE;
  const rows = await listAuditEventRows(db, {
    ...query,
    order: 'newest',
    afterId: query.cursor,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(toAuditEvent),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

const EXPORT_PAGE = 500;

/**
 * Every event the filter takes, oldest first, a page at a time: an export of years of activity
 * holds one page in memory. Events are only ever inserted, so paging on the id sends each once.
 */
export function exportAuditEvents(db: Db, actor: Actor, filter: AuditFilter): AsyncGenerator<AuditEvent> {
  // Checked before the first row: once a stream has begun, a refusal can no longer be its status.
  assertRole(actor, 'admin', 'export the audit trail');
  return auditPages(db, filter);
}

async function* auditPages(db: Db, filter: AuditFilter): AsyncGenerator<AuditEvent> {
  let afterId: string | undefined;
  for (;;) {
    const page = await listAuditEventRows(db, { ...filter, order: 'oldest', afterId, limit: EXPORT_PAGE });
    yield* page.map(toAuditEvent);
    afterId = page.at(-1)?.id;
    if (page.length < EXPORT_PAGE || afterId === undefined) return;
  }
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: { staffId: row.staff_id, name: row.staff_name, role: row.staff_role },
    action: row.action as AuditAction,
    subject: { kind: row.subject_kind, id: row.subject_id },
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
