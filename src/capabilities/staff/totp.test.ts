import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpStep } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII "12345678901234567890"; 8-digit codes.
const SEED = Buffer.from('12345678901234567890');
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it('gives the RFC 6238 test vectors for SHA-1', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(hotp(SEED, totpStep(seconds * 1000), 8)).toBe(code);
  });

  it('gives the RFC 4226 HOTP vectors (6 digits) for the first counters', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expect(expected.map((_, counter) => hotp(SEED, counter))).toEqual(expected);
  });

  it('round-trips base32 as RFC 4648 writes it', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SEED))).toEqual(SEED);
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts a code one step either side of now, once, and nothing else', () => {
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    const code = hotp(SEED, step);
    expect(matchTotp(SEED, code, now, null)).toBe(step);
    expect(matchTotp(SEED, hotp(SEED, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(SEED, hotp(SEED, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(SEED, hotp(SEED, step - 2), now, null)).toBeNull();
    // Replay: the step already used, and any before it, are refused.
    expect(matchTotp(SEED, code, now, step)).toBeNull();
    expect(matchTotp(SEED, hotp(SEED, step - 1), now, step - 1)).toBeNull();
    expect(matchTotp(SEED, '12345', now, null)).toBeNull();
    expect(matchTotp(SEED, 'abcdef', now, null)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps scan', () => {
    const uri = new URL(otpauthUri(SEED, 'The Ledger', 'ada@news.example'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/The Ledger:ada@news.example');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'The Ledger',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
