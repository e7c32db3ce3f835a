import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { randomSecret, secretHash, secretsMatch, sixDigitCode } from '../../platform/secrets.js';
import {
  deleteDeadTokens,
  deleteTokensOfKind,
  findTokenBySecret,
  insertToken,
  listCodeTokens,
  type ReaderTokenRow,
  spendToken,
  useUpTry,
} from './account-repository.js';
import type { ReaderTokenKind } from './account-table.js';

const MINUTE = 60_000;

/** How long each kind of mailed link lives. A code, where there is one, lives CODE_TTL_MS at most. */
export const TOKEN_TTL_MS: Record<ReaderTokenKind, number> = {
  'sign-in': 15 * MINUTE,
  // Confirming an address may wait until the reader opens their mail on another day.
  'verify-email': 24 * 60 * MINUTE,
  'reset-password': 60 * MINUTE,
  'change-email': 24 * 60 * MINUTE,
};
/** Codes are short-lived: six digits are few, so time and tries are what protect them. */
export const CODE_TTL_MS = 15 * MINUTE;
/** Wrong codes a token takes before it is dead. */
export const CODE_TRIES = 5;

/** Kinds that sign the reader in when spent (both prove the reader reads mail at the address). */
export const SIGN_IN_KINDS: ReaderTokenKind[] = ['sign-in', 'verify-email'];

export interface IssuedToken {
  /** The secret for the mailed link; only its hash is stored. */
  secret: string;
  /** The 6-digit code for kinds that have one; only its keyed hash is stored. */
  code: string | null;
}

/**
 * Issues a one-time token for a reader, replacing their earlier tokens of the same kind. Spent and
 * expired tokens of everyone are swept here: issuing is rare, and they are personal data kept for nothing.
 */
export async function issueToken(
  trx: Db,
  deps: Deps,
  input: { readerId: string; kind: ReaderTokenKind; newEmail?: string; passwordHash?: string },
): Promise<IssuedToken> {
  const now = deps.clock.now();
  await deleteDeadTokens(trx, isoTime(now));
  await deleteTokensOfKind(trx, input.readerId, input.kind);
  const id = newId(now.getTime());
  const secret = randomSecret();
  const code = SIGN_IN_KINDS.includes(input.kind) ? sixDigitCode() : null;
  await insertToken(trx, {
    id,
    reader_id: input.readerId,
    kind: input.kind,
    secret_hash: secretHash(secret),
    code_hash: code === null ? null : codeHash(deps, id, code),
    tries_left: code === null ? 0 : CODE_TRIES,
    new_email: input.newEmail ?? null,
    password_hash: input.passwordHash ?? null,
    created_at: isoTime(now),
    expires_at: isoTime(new Date(now.getTime() + TOKEN_TTL_MS[input.kind])),
    used_at: null,
  });
  return { secret, code };
}

/** The live (unspent, unexpired) token behind a link secret, if it is of one of `kinds`. */
export async function findLiveToken(
  db: Db,
  deps: Deps,
  secret: string,
  kinds: ReaderTokenKind[],
): Promise<ReaderTokenRow | null> {
  if (secret === '' || secret.length > 100) return null;
  const row = await findTokenBySecret(db, secretHash(secret));
  const now = isoTime(deps.clock.now());
  if (!row || !kinds.includes(row.kind) || row.used_at !== null || row.expires_at <= now) return null;
  return row;
}

/** Spends the token behind a link secret; null when it is unknown, spent, expired or of another kind. */
export async function spendLinkToken(
  trx: Db,
  deps: Deps,
  secret: string,
  kinds: ReaderTokenKind[],
): Promise<ReaderTokenRow | null> {
  const row = await findLiveToken(trx, deps, secret, kinds);
  if (!row) return null;
  return (await spendToken(trx, row.id, isoTime(deps.clock.now()))) ? row : null;
}

/**
 * Tries a typed code against the reader's live sign-in and confirmation tokens. A match spends that
 * token; a miss uses up a try on each of them, so a few wrong guesses kill the code.
 */
export async function spendCode(
  trx: Db,
  deps: Deps,
  readerId: string,
  code: string,
): Promise<ReaderTokenRow | null> {
  const now = deps.clock.now();
  const codeFrom = isoTime(new Date(now.getTime() - CODE_TTL_MS));
  const live = (await listCodeTokens(trx, readerId, SIGN_IN_KINDS, isoTime(now))).filter(
    (t) => t.created_at > codeFrom,
  );
  const match = live.find(
    (t) => t.code_hash !== null && secretsMatch(codeHash(deps, t.id, code), t.code_hash),
  );
  if (match && (await spendToken(trx, match.id, isoTime(now)))) return match;
  await useUpTry(
    trx,
    live.map((t) => t.id),
  );
  return null;
}

/** Keyed, and bound to the token: a copy of the table does not give the codes away. */
function codeHash(deps: Deps, tokenId: string, code: string): string {
  return deps.keys.mac('reader-forms', `code\n${tokenId}\n${code}`);
}
