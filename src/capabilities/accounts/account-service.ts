import { hash, verify } from '@node-rs/argon2';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isUniqueViolation } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { newId } from '../../platform/ids.js';
import { type MailMessage, queueMail } from '../../platform/mail/index.js';
import { randomSecret } from '../../platform/secrets.js';
import { documentsForSignup, recordConsents } from '../consent/index.js';
import { readSettings } from '../settings/index.js';
import { absolute } from '../site/index.js';
import { checkDisplayName, checkEmail, checkPassword, normaliseEmail } from './account.js';
import { isDisposableAddress } from './account-abuse.js';
import {
  alreadyRegisteredMail,
  confirmAddressMail,
  noAccountMail,
  resetPasswordMail,
  signInMail,
} from './account-mail.js';
import {
  deleteUnconfirmedReaders,
  findReaderByEmail,
  findWaitingPassword,
  insertReader,
  type ReaderRow,
  type ReaderTokenRow,
  updateReader,
} from './account-repository.js';
import { issueToken, SIGN_IN_KINDS, spendCode, spendLinkToken } from './account-tokens.js';
import { deleteAllReaderSessions } from './reader-session-repository.js';

/** argon2id at OWASP's suggested floor (19 MiB, 2 passes), as for staff. */
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

// A real hash of a password nobody has, checked when there is no account, so an unknown address
// costs the same time as a wrong password. Made once per process, on first need.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomSecret());
  return decoyHash;
}

/** A refusal the form shows next to one of its fields. */
export type FieldRefusal = { ok: false; field: string; code: string; message: string };

/** Where a mailed link lands, with the reader's way back to the article carried along. */
export const accountLinks = {
  link: (secret: string, back: string) => `/account/link?token=${secret}&return=${encodeURIComponent(back)}`,
  reset: (secret: string, back: string) =>
    `/account/reset?token=${secret}&return=${encodeURIComponent(back)}`,
  changeEmail: (secret: string) => `/account/email/confirm?token=${secret}`,
  signUp: (back: string) => `/account/sign-up?return=${encodeURIComponent(back)}`,
  signIn: (back: string) => `/account/sign-in?return=${encodeURIComponent(back)}`,
  forgot: (back: string) => `/account/forgot?return=${encodeURIComponent(back)}`,
};

async function publicationName(db: Db): Promise<string> {
  return (await readSettings(db))['publication.name'];
}

function url(deps: Deps, path: string): string {
  return absolute(deps.config.publicUrl, path);
}

/** The checks of an address any reader form takes; disposable domains only where an account is made. */
export function checkReaderEmail(raw: string | undefined, opts: { forNewAccount: boolean }) {
  const email = checkEmail(raw);
  if (email.ok && opts.forNewAccount && isDisposableAddress(email.value)) {
    return {
      ok: false as const,
      field: 'email',
      code: 'EMAIL_DISPOSABLE',
      message: 'Please use an address you keep: addresses from throwaway mail services cannot be used here.',
    };
  }
  return email;
}

/**
 * Sign-up, with a password or without. The answer is the same whether the address is new, taken or
 * waiting for confirmation: only the mail says which (no account enumeration).
 *  - new: the reader and their consents are written in one transaction; a confirmation mail follows.
 *  - waiting for confirmation: a fresh confirmation mail (the latest sign-up's password wins).
 *  - confirmed already: a mail saying so, with a sign-in link and code.
 * A password takes effect only once the address is confirmed, so whoever typed someone else's address
 * cannot sign in to the account with a password they chose.
 */
export async function signUp(
  deps: Deps,
  input: { email: string; password: string | null; displayName: string | null; back: string; ip: string },
): Promise<{ ok: true } | FieldRefusal> {
  const { db } = deps.database;
  // Hashed before the transaction (argon2 takes tens of milliseconds), and always, so a taken address
  // costs the same time as a new one.
  const passwordHash = input.password === null ? undefined : await hashPassword(input.password);
  const publication = await publicationName(db);
  const email = input.email;
  try {
    await inTransaction(db, async (trx) => {
      const existing = await findReaderByEmail(trx, normaliseEmail(email));
      if (existing?.email_verified_at) {
        const token = await issueToken(trx, deps, { readerId: existing.id, kind: 'sign-in' });
        await queueMail(
          trx,
          deps.clock,
          alreadyRegisteredMail({
            to: existing.email,
            publication,
            link: url(deps, accountLinks.link(token.secret, input.back)),
            code: token.code ?? '',
            resetLink: url(deps, accountLinks.forgot(input.back)),
          }),
        );
        return;
      }
      let readerId = existing?.id;
      if (!readerId) {
        readerId = await createReader(trx, deps, input);
      }
      const token = await issueToken(trx, deps, {
        readerId,
        kind: 'verify-email',
        ...(passwordHash ? { passwordHash } : {}),
      });
      await queueMail(
        trx,
        deps.clock,
        confirmAddressMail({
          to: existing?.email ?? email,
          publication,
          link: url(deps, accountLinks.link(token.secret, input.back)),
          code: token.code ?? '',
        }),
      );
    });
  } catch (error) {
    // The same address signed up twice at once: the unique index let one in; the other was mailed by it.
    if (!isUniqueViolation(error)) throw error;
  }
  return { ok: true };
}

/** A sign-up not confirmed within this time is erased (the next sign-up sweeps it). */
export const UNCONFIRMED_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

async function createReader(
  trx: Db,
  deps: Deps,
  input: { email: string; displayName: string | null; ip: string },
): Promise<string> {
  const now = isoTime(deps.clock.now());
  const id = newId(deps.clock.now().getTime());
  await deleteUnconfirmedReaders(trx, isoTime(new Date(deps.clock.now().getTime() - UNCONFIRMED_KEPT_MS)));
  await insertReader(trx, {
    id,
    email: input.email,
    email_normalized: normaliseEmail(input.email),
    display_name: input.displayName,
    password_hash: null,
    email_verified_at: null,
    newsletters: '[]',
    created_at: now,
    updated_at: now,
  });
  const documents = await documentsForSignup(trx, deps.clock);
  await recordConsents(trx, deps, {
    readerId: id,
    email: input.email,
    documents,
    method: 'signup',
    ip: input.ip,
  });
  return id;
}

/** Validates the sign-up form's fields, in the order the form shows them. */
export function checkSignUp(input: { email?: string; password?: string; display_name?: string }) {
  const email = checkReaderEmail(input.email, { forNewAccount: true });
  if (!email.ok) return email;
  const name = checkDisplayName(input.display_name);
  if (!name.ok) return name;
  const wantsPassword = (input.password ?? '') !== '';
  const password = wantsPassword ? checkPassword(input.password) : null;
  if (password && !password.ok) return password;
  return {
    ok: true as const,
    value: { email: email.value, displayName: name.value, password: password?.value ?? null },
  };
}

/**
 * Mails a sign-in link and code to a reader, or, to an address with no account, a note saying so
 * with a sign-up link. The caller answers the same either way.
 */
export async function mailSignInLink(deps: Deps, input: { email: string; back: string }): Promise<void> {
  await mailReaderOrNoAccount(deps, input, 'sign-in', async (trx, reader, publication) => {
    const token = await issueToken(trx, deps, { readerId: reader.id, kind: 'sign-in' });
    const link = url(deps, accountLinks.link(token.secret, input.back));
    return signInMail({ to: reader.email, publication, link, code: token.code ?? '' });
  });
}

/**
 * The no-enumeration shape shared by sign-in links and password resets: the reader at that address
 * gets `mailFor`'s message; an address with no account gets a note with a sign-up link instead.
 */
async function mailReaderOrNoAccount(
  deps: Deps,
  input: { email: string; back: string },
  asked: 'sign-in' | 'reset',
  mailFor: (trx: Db, reader: ReaderRow, publication: string) => Promise<MailMessage>,
): Promise<void> {
  const { db } = deps.database;
  const publication = await publicationName(db);
  await inTransaction(db, async (trx) => {
    const reader = await findReaderByEmail(trx, normaliseEmail(input.email));
    const signUpLink = url(deps, accountLinks.signUp(input.back));
    const message = reader
      ? await mailFor(trx, reader, publication)
      : noAccountMail({ to: input.email, publication, signUpLink, asked });
    await queueMail(trx, deps.clock, message);
  });
}

/**
 * Sends the confirmation mail again. The password chosen at sign-up, still waiting in the last
 * confirmation token, is carried over. A confirmed address gets a sign-in mail, an unknown one a
 * note: the answer on screen is the same.
 */
export async function resendConfirmation(deps: Deps, input: { email: string; back: string }): Promise<void> {
  const { db } = deps.database;
  const reader = await findReaderByEmail(db, normaliseEmail(input.email));
  if (!reader || reader.email_verified_at) return mailSignInLink(deps, input);
  const publication = await publicationName(db);
  await inTransaction(db, async (trx) => {
    const passwordHash = await findWaitingPassword(trx, reader.id);
    const token = await issueToken(trx, deps, {
      readerId: reader.id,
      kind: 'verify-email',
      ...(passwordHash ? { passwordHash } : {}),
    });
    const link = url(deps, accountLinks.link(token.secret, input.back));
    await queueMail(
      trx,
      deps.clock,
      confirmAddressMail({ to: reader.email, publication, link, code: token.code ?? '' }),
    );
  });
}

/**
 * Checks an address and password. Unknown address, no password, wrong password: the same answer
 * after the same work (argon2 verifies a decoy when there is no hash to check).
 */
export async function checkPasswordSignIn(
  deps: Deps,
  input: { email: string; password: string },
): Promise<ReaderRow | null> {
  const reader = await findReaderByEmail(deps.database.db, normaliseEmail(input.email));
  const hashToCheck = reader?.password_hash ?? (await decoy());
  const matches = await verify(hashToCheck, input.password).catch(() => false);
  return reader?.password_hash && matches ? reader : null;
}

/**
 * What spending a sign-in or confirmation token does: the address is confirmed, and a password
 * chosen at sign-up takes effect.
 */
async function applySignInToken(trx: Db, deps: Deps, token: ReaderTokenRow): Promise<string> {
  const now = isoTime(deps.clock.now());
  await updateReader(trx, token.reader_id, {
    updated_at: now,
    ...(token.password_hash ? { password_hash: token.password_hash } : {}),
  });
  await trx
    .updateTable('readers')
    .set({ email_verified_at: now })
    .where('id', '=', token.reader_id)
    .where('email_verified_at', 'is', null)
    .execute();
  return token.reader_id;
}

/** Spends a mailed sign-in or confirmation link; the reader's id, or null when the link is dead. */
export async function signInWithLink(trx: Db, deps: Deps, secret: string): Promise<string | null> {
  const token = await spendLinkToken(trx, deps, secret, SIGN_IN_KINDS);
  return token ? applySignInToken(trx, deps, token) : null;
}

/**
 * Spends a typed code; the reader's id, or null. A wrong code uses up a try; the caller must commit
 * that (it returns, it does not throw).
 */
export async function signInWithCode(
  trx: Db,
  deps: Deps,
  input: { email: string; code: string },
): Promise<string | null> {
  const reader = await findReaderByEmail(trx, normaliseEmail(input.email));
  if (!reader) return null;
  const token = await spendCode(trx, deps, reader.id, input.code);
  return token ? applySignInToken(trx, deps, token) : null;
}

/** Mails a reset link, or to an unknown address a note saying there is no account: the page is the same. */
export async function mailPasswordReset(deps: Deps, input: { email: string; back: string }): Promise<void> {
  await mailReaderOrNoAccount(deps, input, 'reset', async (trx, reader, publication) => {
    const token = await issueToken(trx, deps, { readerId: reader.id, kind: 'reset-password' });
    const link = url(deps, accountLinks.reset(token.secret, input.back));
    return resetPasswordMail({ to: reader.email, publication, link });
  });
}

/**
 * Sets a new password from a reset link. Every session of the reader ends (whoever else was signed
 * in is out), and the address counts as confirmed: the link proved the reader reads it.
 */
export async function resetPassword(
  trx: Db,
  deps: Deps,
  input: { secret: string; passwordHash: string },
): Promise<string | null> {
  const token = await spendLinkToken(trx, deps, input.secret, ['reset-password']);
  if (!token) return null;
  const now = isoTime(deps.clock.now());
  await updateReader(trx, token.reader_id, { password_hash: input.passwordHash, updated_at: now });
  await trx
    .updateTable('readers')
    .set({ email_verified_at: now })
    .where('id', '=', token.reader_id)
    .where('email_verified_at', 'is', null)
    .execute();
  await deleteAllReaderSessions(trx, token.reader_id);
  return token.reader_id;
}
