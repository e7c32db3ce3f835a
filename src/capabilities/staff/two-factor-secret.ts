import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SiteKeys } from '../../platform/keys/index.js';

/**
 * A TOTP secret must be read back to check codes, so it cannot be hashed; it is encrypted with
 * AES-256-GCM under the site key `staff-totp-secret` (derived from the master key, ADR 0009), and
 * bound to its staff member (the id is the associated data), so a row copied to another account
 * does not decrypt. A database copy without the master key row holds no usable secret.
 */
export function sealTotpSecret(keys: SiteKeys, staffId: string, secret: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.key('staff-totp-secret'), iv);
  cipher.setAAD(Buffer.from(staffId));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

export function openTotpSecret(keys: SiteKeys, staffId: string, stored: string): Buffer {
  const [iv, tag, sealed] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !sealed) throw new Error('A stored two-factor secret is malformed.');
  const decipher = createDecipheriv('aes-256-gcm', keys.key('staff-totp-secret'), iv);
  decipher.setAAD(Buffer.from(staffId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}
