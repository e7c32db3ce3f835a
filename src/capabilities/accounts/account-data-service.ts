import { verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isUniqueViolation } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { dropQueuedMailTo, queueMail } from '../../platform/mail/index.js';
import { consentHistory } from '../consent/index.js';
import { readSettings } from '../settings/index.js';
import { absolute } from '../site/index.js';
import { type NewsletterId, normaliseEmail, parseNewsletters } from './account.js';
import {
  addressChangedMail,
  addressChangeRequestedMail,
  addressTakenMail,
  confirmNewAddressMail,
} from './account-mail.js';
import {
  deleteReader,
  findReaderByEmail,
  findReaderById,
  listReaderTokens,
  type ReaderRow,
  updateReader,
} from './account-repository.js';
import { accountLinks, checkReaderEmail, type FieldRefusal } from './account-service.js';
import { issueToken, spendLinkToken } from './account-tokens.js';
import type { SignedInReader } from './reader-session.js';
import { listReaderSessions } from './reader-session-repository.js';

export async function getReader(db: Db, id: string): Promise<ReaderRow> {
  const row = await findReaderById(db, id);
  // The session was found a moment ago with its reader joined, and deleting a reader deletes its sessions.
  if (!row) throw new Error(`reader ${id} vanished under its own session`);
  return row;
}

export async function saveDisplayName(
  db: Db,
  deps: Deps,
  readerId: string,
  name: string | null,
): Promise<void> {
  await updateReader(db, readerId, { display_name: name, updated_at: isoTime(deps.clock.now()) });
}

export async function saveNewsletters(
  db: Db,
  deps: Deps,
  readerId: string,
  lists: NewsletterId[],
): Promise<void> {
  await updateReader(db, readerId, {
    newsletters: JSON.stringify(lists),
    updated_at: isoTime(deps.clock.now()),
  });
}

/**
 * Asks to move the account to another address. The new address must confirm (a link mailed there);
 * the old one is told at once. Whether the new address already has an account is said only in a
 * mail to that address, never on screen. A reader with a password must give it: a session left
 * open on a shared computer is not enough to take the account.
 */
export async function requestEmailChange(
  deps: Deps,
  reader: SignedInReader,
  input: { newEmail: string | undefined; password: string | undefined },
): Promise<{ ok: true; newEmail: string } | FieldRefusal> {
  const email = checkReaderEmail(input.newEmail, { forNewAccount: true });
  if (!email.ok) return { ...email, field: 'new_email' };
  const newEmail = email.value;
  if (normaliseEmail(newEmail) === normaliseEmail(reader.email)) {
    return {
      ok: false,
      field: 'new_email',
      code: 'EMAIL_UNCHANGED',
      message: 'That is already your address.',
    };
  }
  const { db } = deps.database;
  const row = await getReader(db, reader.id);
  if (row.password_hash !== null) {
    const matches = await verify(row.password_hash, input.password ?? '').catch(() => false);
    if (!matches) {
      return {
        ok: false,
        field: 'password',
        code: 'PASSWORD_WRONG',
        message: 'That is not your current password.',
      };
    }
  }
  const publication = (await readSettings(db))['publication.name'];
  await inTransaction(db, async (trx) => {
    const taken = await findReaderByEmail(trx, normaliseEmail(newEmail));
    if (taken) {
      await queueMail(trx, deps.clock, addressTakenMail({ to: newEmail, publication }));
    } else {
      const token = await issueToken(trx, deps, { readerId: reader.id, kind: 'change-email', newEmail });
      const link = absolute(deps.config.publicUrl, accountLinks.changeEmail(token.secret));
      await queueMail(trx, deps.clock, confirmNewAddressMail({ to: newEmail, publication, link }));
    }
    const accountLink = absolute(deps.config.publicUrl, '/account');
    await queueMail(
      trx,
      deps.clock,
      addressChangeRequestedMail({ to: row.email, publication, newEmail, accountLink }),
    );
  });
  return { ok: true, newEmail };
}

/**
 * Applies a change of address confirmed from the new address. Refused when another account took
 * that address in the meantime; the old address is told of the change.
 */
export async function confirmEmailChange(
  deps: Deps,
  secret: string,
): Promise<{ ok: true; readerId: string } | { ok: false; code: 'LINK_INVALID' | 'EMAIL_TAKEN' }> {
  const { db } = deps.database;
  const publication = (await readSettings(db))['publication.name'];
  try {
    return await inTransaction(db, async (trx) => {
      const token = await spendLinkToken(trx, deps, secret, ['change-email']);
      if (!token?.new_email) return { ok: false as const, code: 'LINK_INVALID' as const };
      const reader = await getReader(trx, token.reader_id);
      if (await findReaderByEmail(trx, normaliseEmail(token.new_email))) {
        return { ok: false as const, code: 'EMAIL_TAKEN' as const };
      }
      const now = isoTime(deps.clock.now());
      await updateReader(trx, reader.id, {
        email: token.new_email,
        email_normalized: normaliseEmail(token.new_email),
        email_verified_at: now,
        updated_at: now,
      });
      await queueMail(
        trx,
        deps.clock,
        addressChangedMail({ to: reader.email, publication, newEmail: token.new_email }),
      );
      return { ok: true as const, readerId: reader.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, code: 'EMAIL_TAKEN' };
    throw error;
  }
}

/** Everything kept about a reader, for "Download my data": profile, choices, sessions, consents, mailed links. */
export async function readerDataExport(deps: Deps, reader: SignedInReader) {
  const { db } = deps.database;
  const now = deps.clock.now();
  const [row, sessions, consents, tokens] = await Promise.all([
    getReader(db, reader.id),
    listReaderSessions(db, reader.id, isoTime(now)),
    consentHistory(db, reader.id),
    listReaderTokens(db, reader.id),
  ]);
  return {
    exportedAt: isoTime(now),
    profile: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      emailVerifiedAt: row.email_verified_at,
      hasPassword: row.password_hash !== null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    newsletters: parseNewsletters(row.newsletters),
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === reader.sessionId,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      userAgent: s.user_agent,
      ipAddressHash: s.ip_hash,
    })),
    consents,
    mailedLinks: tokens.map((t) => ({
      kind: t.kind,
      createdAt: t.created_at,
      expiresAt: t.expires_at,
      usedAt: t.used_at,
      newEmail: t.new_email,
    })),
  };
}

/**
 * Erases the account now: the reader row, and with it (ON DELETE CASCADE) every session and mailed
 * token, and the mail still queued to its addresses. Consent entries stay as the law asks, their
 * reader link set to null, keyed by hashes only.
 */
export async function deleteAccount(db: Db, readerId: string): Promise<void> {
  await inTransaction(db, (trx) => eraseReaderIn(trx, readerId));
}

/**
 * What `deleteAccount` does, in the caller's transaction (the newsroom's erasure records an audit
 * event in the same one). Returns the reader erased, or null when there was none.
 */
export async function eraseReaderIn(trx: Db, readerId: string): Promise<ReaderRow | null> {
  const reader = await findReaderById(trx, readerId);
  if (!reader) return null;
  const pendingAddresses = (await listReaderTokens(trx, readerId)).flatMap((t) => t.new_email ?? []);
  for (const address of new Set([reader.email, ...pendingAddresses])) await dropQueuedMailTo(trx, address);
  await deleteReader(trx, readerId);
  return reader;
}
