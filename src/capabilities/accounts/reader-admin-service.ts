import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { AppError } from '../../platform/http/errors.js';
import { recordAuditEvent } from '../audit/index.js';
import { readerConsentProof } from '../consent/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import { normaliseEmail, parseNewsletters } from './account.js';
import { eraseReaderIn } from './account-data-service.js';
import { findReaderById, type ReaderRow, searchReaders } from './account-repository.js';
import { listReaderSessions } from './reader-session-repository.js';

/** The newsroom's view of readers (issue 16): who they are, their sessions, erasure on request. */

function readerNotFound(readerId: string): AppError {
  return new AppError('NOT_FOUND', 404, `There is no reader ${readerId}; the account may have been erased.`, {
    readerId,
  });
}

export function presentReaderSummary(row: ReaderRow) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    emailVerifiedAt: row.email_verified_at,
    createdAt: row.created_at,
  };
}

/** A page of readers whose address contains `email`, newest first. Editors and above (as consent history). */
export async function findReaders(
  db: Db,
  actor: Actor,
  query: { email?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
) {
  assertRole(actor, 'editor', 'search the readers');
  const limit = query.limit ?? 25;
  // One more than asked says whether there is a next page without a count.
  const rows = await searchReaders(db, {
    emailPart: normaliseEmail(query.email ?? ''),
    before: query.cursor,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    readers: page.map(presentReaderSummary),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** One reader with their live sessions and what of them the consent ledger would keep. */
export async function readerDetail(deps: Deps, actor: Actor, readerId: string) {
  assertRole(actor, 'editor', 'see a reader');
  const { db } = deps.database;
  const row = await findReaderById(db, readerId);
  if (!row) throw readerNotFound(readerId);
  const [sessions, consentProof] = await Promise.all([
    listReaderSessions(db, readerId, isoTime(deps.clock.now())),
    readerConsentProof(db, readerId),
  ]);
  return {
    ...presentReaderSummary(row),
    hasPassword: row.password_hash !== null,
    newsletters: parseNewsletters(row.newsletters),
    updatedAt: row.updated_at,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      userAgent: s.user_agent,
    })),
    consentProof,
  };
}

/**
 * Erases a reader on their request, as "Delete my account" does, and records who did it in the audit
 * trail in the same transaction. The event names the reader by id only: the address is what was erased.
 */
export async function eraseReader(deps: Deps, actor: Actor, readerId: string) {
  assertRole(actor, 'admin', 'erase a reader');
  const { db } = deps.database;
  const erasedAt = isoTime(deps.clock.now());
  const kept = await inTransaction(db, async (trx) => {
    const proof = await readerConsentProof(trx, readerId);
    const erased = await eraseReaderIn(trx, readerId);
    if (!erased) throw readerNotFound(readerId);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: 'reader.erased',
      subject: { kind: 'reader', id: readerId },
      summary: `Reader account erased on request; ${proof.entries} consent ${proof.entries === 1 ? 'entry' : 'entries'} kept, keyed by hash`,
      details: { consentsKept: proof.entries, subjectHashes: proof.subjectHashes },
    });
    return proof;
  });
  return { readerId, erasedAt, kept };
}
