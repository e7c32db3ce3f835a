import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import type { Actor } from './actor.js';

/**
 * What the staff capability records in the audit trail. The audit capability reads the staff
 * capability's actor, so staff cannot import it back: app.ts hands the audit's `recordAuditEvent` in
 * as `recordAudit` (as it hands the media API its photo rights).
 */
export type StaffAuditAction =
  | 'staff.invited'
  | 'staff.invitation-cancelled'
  | 'staff.joined'
  | 'staff.role-changed'
  | 'staff.deactivated'
  | 'staff.reactivated';

export type RecordStaffAudit = (
  trx: Db,
  clock: Clock,
  actor: Actor,
  event: {
    action: StaffAuditAction;
    subject: { kind: string; id: string };
    summary: string;
    details?: Record<string, unknown>;
  },
) => Promise<void>;
