import { createHash, type Hash } from 'node:crypto';

/**
 * HMAC-SHA256 (RFC 2104) with the key's two padded blocks hashed once per key, not once per cookie.
 * Every metered page a reader opens checks one signature and writes another; node's createHmac sets
 * the key up again each time, and that set-up was 16 of the meter's 58 microseconds a request
 * (issue 15's profile). Here each signature copies the two prepared hash states and finishes them:
 * the same bytes as createHmac('sha256', key), which the tests check over random keys and texts.
 */
const BLOCK = 64;
const prepared = new WeakMap<Buffer, { inner: Hash; outer: Hash }>();

export function hmacSha256(key: Buffer, text: string): Buffer {
  let states = prepared.get(key);
  if (!states) {
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? createHash('sha256').update(key).digest() : key).copy(block);
    const inner = createHash('sha256').update(block.map((b) => b ^ 0x36));
    const outer = createHash('sha256').update(block.map((b) => b ^ 0x5c));
    states = { inner, outer };
    prepared.set(key, states);
  }
  const innerDigest = states.inner.copy().update(text).digest();
  return states.outer.copy().update(innerDigest).digest();
}
