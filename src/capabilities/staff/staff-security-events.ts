import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { insertSecurityEvent } from './staff-security-repository.js';

/** What changed about a staff member's credentials; kept in `staff_security_events`. */
export type SecurityEventKind =
  | 'password.changed'
  | 'password.reset'
  | 'two-factor.enabled'
  | 'two-factor.disabled'
  | 'two-factor.reset'
  | 'two-factor.recovery-codes'
  | 'two-factor.required'
  | 'two-factor.optional';

/** Records one change; `by` is who did it (null: the staff member themselves, by mail). */
export async function recordSecurityEvent(
  db: Db,
  clock: Clock,
  event: { staffId: string; kind: SecurityEventKind; by: { staffId: string | null; name: string } },
): Promise<void> {
  const now = clock.now();
  await insertSecurityEvent(db, {
    id: newId(now.getTime()),
    staff_id: event.staffId,
    kind: event.kind,
    actor_staff_id: event.by.staffId,
    actor_name: event.by.name,
    created_at: isoTime(now),
  });
}
