import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * 32 random bytes as base64url: the secret half of a staff or reader session cookie, a CSRF or form token,
 * an API token, the secret in a mailed link.
 */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps instead of a secret. The secrets are 256 random bits, so a fast hash is
 * enough (nothing to brute-force) and lets a lookup be an index hit.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ (or on their lengths). */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Six digits, uniformly drawn, leading zeros kept: what a reader types from a mail. */
export function sixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
