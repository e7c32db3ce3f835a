import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { meterSignature, meterSignatureMatches, SIGNATURE_LENGTH } from './meter-signature.js';

/** What the signature must equal: node's HMAC-SHA256, cut to 128 bits, base64url. */
const reference = (text: string, key: Buffer) =>
  createHmac('sha256', key).update(text).digest().subarray(0, 16).toString('base64url');

/** The first 128 bits of a full HMAC-SHA256 given in hex (RFC 4231), base64url. */
const cut = (hex: string) => Buffer.from(hex, 'hex').subarray(0, 16).toString('base64url');

describe('the meter signature', () => {
  it("is RFC 4231's HMAC-SHA256, cut to 128 bits", () => {
    // Test cases 1, 2 and 6 (a key longer than a block, hashed first).
    expect(meterSignature('Hi There', Buffer.alloc(20, 0x0b))).toBe(
      cut('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'),
    );
    expect(meterSignature('what do ya want for nothing?', Buffer.from('Jefe'))).toBe(
      cut('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'),
    );
    expect(
      meterSignature('Test Using Larger Than Block-Size Key - Hash Key First', Buffer.alloc(131, 0xaa)),
    ).toBe(cut('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'));
  });

  it("equals node's createHmac for every text length a cookie can have, under random keys", () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-';
    for (const keyLength of [32, 16, 64, 65]) {
      const key = randomBytes(keyLength);
      let text = '';
      // Past 900 characters: both sides of every block boundary and of the switch to createHmac.
      for (let length = 0; length <= 900; length++) {
        expect(meterSignature(text, key), `key ${keyLength} bytes, text ${length}`).toBe(
          reference(text, key),
        );
        text += alphabet[randomBytes(1)[0]! % alphabet.length];
      }
    }
  });

  it('hashes text outside ASCII as UTF-8, as createHmac does', () => {
    const key = randomBytes(32);
    for (const text of ['é', '1.202611.2.Ünïcode', '日本語のテキスト', '\u{1F600} emoji', '\u0080']) {
      expect(meterSignature(text, key)).toBe(reference(text, key));
    }
  });

  it('matches only its own signature: any one character changed, another key, or another length is refused', () => {
    const key = randomBytes(32);
    const text = '1.202611.2.AbCdEfGhIjKlMnOp';
    const signature = meterSignature(text, key);
    expect(signature).toHaveLength(SIGNATURE_LENGTH);
    expect(meterSignatureMatches(text, signature, key)).toBe(true);
    for (let at = 0; at < SIGNATURE_LENGTH; at++) {
      const other = signature[at] === 'A' ? 'B' : 'A';
      const altered = `${signature.slice(0, at)}${other}${signature.slice(at + 1)}`;
      expect(meterSignatureMatches(text, altered, key), `character ${at}`).toBe(false);
    }
    expect(meterSignatureMatches(text, signature, randomBytes(32))).toBe(false);
    expect(meterSignatureMatches(`${text}A`, signature, key)).toBe(false);
    expect(meterSignatureMatches(text, signature.slice(0, -1), key)).toBe(false);
    expect(meterSignatureMatches(text, `${signature}A`, key)).toBe(false);
    expect(meterSignatureMatches(text, '', key)).toBe(false);
  });
});
