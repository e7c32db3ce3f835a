import { csvRow } from '../../platform/csv.js';
import type { AuditEvent } from './audit.js';

/** The export's columns: who acted (by name and role as they were then), what, on what, when. */
export const AUDIT_CSV_HEADER = csvRow([
  'at',
  'staff_id',
  'staff_name',
  'staff_role',
  'action',
  'subject_kind',
  'subject_id',
  'summary',
]);

export function presentAuditCsvRow(event: AuditEvent): string {
  return csvRow([
    event.at,
    event.actor.staffId ?? '',
    event.actor.name,
    event.actor.role,
    event.action,
    event.subject.kind,
    event.subject.id,
    event.summary,
  ]);
}
