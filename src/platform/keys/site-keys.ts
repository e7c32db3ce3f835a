import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { type Clock, isoTime } from '../clock.js';
import type { Db } from '../database/database.js';

/** The table that keeps the paper's master key. */
export interface SiteKeyTables {
  site_keys: { name: string; secret: string; created_at: string };
}

/** Why a key is wanted; each purpose gets its own key, so one leaking says nothing of the others. */
export type KeyPurpose =
  | 'meter-cookie'
  | 'reader-forms'
  | 'address-hash'
  | 'subject-hash'
  | 'known-device'
  | 'staff-totp-secret'
  | 'staff-sign-in-code';

/** Signing keys derived from one master key that lives in the database. */
export interface SiteKeys {
  /** A 32-byte key for one purpose; the same on every process of the paper. */
  key(purpose: KeyPurpose): Buffer;
  /** HMAC-SHA256 of `value` under the purpose's key, as hex: for signatures and keyed hashes. */
  mac(purpose: KeyPurpose, value: string): string;
}

const MASTER = 'master';

/**
 * Reads the master key, creating it on first use. Two processes starting together both insert;
 * `on conflict do nothing` lets the first win and both then read the same row.
 */
export async function loadSiteKeys(db: Db, clock: Clock): Promise<SiteKeys> {
  await db
    .insertInto('site_keys')
    .values({ name: MASTER, secret: randomBytes(32).toString('base64url'), created_at: isoTime(clock.now()) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('site_keys')
    .select('secret')
    .where('name', '=', MASTER)
    .executeTakeFirstOrThrow();
  return siteKeysFrom(Buffer.from(row.secret, 'base64url'));
}

/** Derives the purpose keys once (HKDF-SHA256), so signing a cookie costs one HMAC. */
export function siteKeysFrom(master: Buffer): SiteKeys {
  const keys = new Map<KeyPurpose, Buffer>();
  const key = (purpose: KeyPurpose) => {
    let derived = keys.get(purpose);
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `masthead ${purpose}`, 32));
      keys.set(purpose, derived);
    }
    return derived;
  };
  return {
    key,
    mac: (purpose, value) => createHmac('sha256', key(purpose)).update(value).digest('hex'),
  };
}
