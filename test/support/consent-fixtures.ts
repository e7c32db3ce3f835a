import {
  type LegalDocument,
  type LegalKind,
  publishLegalVersion,
} from '../../src/capabilities/legal/index.js';
import type { Actor } from '../../src/capabilities/staff/index.js';
import type { Deps } from '../../src/deps.js';
import { isoTime } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/platform/database/transaction.js';
import { newId } from '../../src/platform/ids.js';

/**
 * Test data for the consent ledger's tests, through the real legal service where there is one.
 * Not used by the running app.
 */

const TEST_ADMIN: Actor = { staffId: null, tokenId: null, name: 'Test admin', role: 'owner' };

/** Publishes the next version of `kind`, in force from the clock's current time or `effectiveAt`. */
export function publishLegal(
  deps: Deps,
  kind: LegalKind,
  input: { requiresAcceptance: boolean; summaryOfChanges?: string; title?: string; effectiveAt?: string },
): Promise<LegalDocument> {
  return inTransaction(deps.database.db, (trx) =>
    publishLegalVersion(trx, deps.clock, TEST_ADMIN, kind, {
      title: input.title ?? (kind === 'terms' ? 'Terms of Use' : 'Privacy Policy'),
      body: `The ${kind} text, published ${isoTime(deps.clock.now())}.`,
      summaryOfChanges: input.summaryOfChanges ?? 'Some changes.',
      requiresAcceptance: input.requiresAcceptance,
      effectiveAt: input.effectiveAt ?? null,
    }),
  );
}

/**
 * A reader row, written directly: the ledger needs an account to point at, not the sign-up flow
 * (which the accounts capability tests).
 */
export async function addReader(deps: Deps, email: string): Promise<string> {
  const now = isoTime(deps.clock.now());
  const id = newId(deps.clock.now().getTime());
  await deps.database.db
    .insertInto('readers')
    .values({
      id,
      email,
      email_normalized: email.trim().toLowerCase(),
      display_name: null,
      password_hash: null,
      email_verified_at: now,
      newsletters: '[]',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
