import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from './meter-signature.js';

describe('hmacSha256', () => {
  it('gives the bytes createHmac gives, for keys shorter and longer than a block and any text', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 130 }),
        fc.string({ maxLength: 300 }),
        (bytes, text) => {
          const key = Buffer.from(bytes);
          // Twice with the same key: the second signature starts from the prepared states.
          expect(hmacSha256(key, text)).toEqual(createHmac('sha256', key).update(text).digest());
          expect(hmacSha256(key, `${text}!`)).toEqual(createHmac('sha256', key).update(`${text}!`).digest());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('matches RFC 4231 test case 2', () => {
    const mac = hmacSha256(Buffer.from('Jefe'), 'what do ya want for nothing?');
    expect(mac.toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
