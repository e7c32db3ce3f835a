import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from './actor.js';
import { recordSecurityEvent } from './staff-security-events.js';
import {
  deleteSessionsWithoutTwoFactor,
  findPolicy,
  findTwoFactor,
  savePolicy,
} from './staff-security-repository.js';

const TWO_FACTOR_REQUIRED = 'two-factor-required';

/** Whether an owner has made two-factor sign-in a rule for every staff member. */
export async function isTwoFactorRequired(db: Db): Promise<boolean> {
  return (await findPolicy(db, TWO_FACTOR_REQUIRED)) === 'true';
}

/**
 * Owners only. Turning the rule on ends the sessions of everyone without two-factor, so the rule
 * holds at once: they sign in again and may then only enrol. The owner turning it on must have
 * two-factor first (409 TWO_FACTOR_NEEDED_FIRST), or they would end their own session.
 */
export async function setTwoFactorRequired(
  db: Db,
  clock: Clock,
  actor: Actor,
  required: boolean,
): Promise<void> {
  if (actor.role !== 'owner' || actor.staffId === null) {
    throw new AppError('FORBIDDEN', 403, 'Only an owner, signed in, can change the two-factor rule.', {
      role: actor.role,
      needed: 'owner',
    });
  }
  const staffId = actor.staffId;
  if (required && !(await findTwoFactor(db, staffId))?.confirmed_at) {
    throw new AppError(
      'TWO_FACTOR_NEEDED_FIRST',
      409,
      'Turn on two-factor sign-in for your own account before requiring it of everyone.',
    );
  }
  await db.transaction().execute(async (trx) => {
    await savePolicy(trx, {
      key: TWO_FACTOR_REQUIRED,
      value: String(required),
      updated_at: isoTime(clock.now()),
      updated_by: staffId,
    });
    if (required) await deleteSessionsWithoutTwoFactor(trx);
    await recordSecurityEvent(trx, clock, {
      staffId,
      kind: required ? 'two-factor.required' : 'two-factor.optional',
      by: { staffId, name: actor.name },
    });
  });
}
