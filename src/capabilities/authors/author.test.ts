import { describe, expect, it } from 'vitest';
import { checkAffiliation, checkAuthorName, checkBio, checkPhotoUrl } from './author.js';

describe('author checks', () => {
  it('tidies names and refuses empty or long ones', () => {
    expect(checkAuthorName('  Jane   Doe ')).toEqual({ ok: true, value: 'Jane Doe' });
    expect(checkAuthorName(' ')).toMatchObject({ ok: false });
    expect(checkAuthorName('x'.repeat(121))).toMatchObject({ ok: false });
  });

  it('treats an empty affiliation or photo as none', () => {
    expect(checkAffiliation(' Reuters ')).toEqual({ ok: true, value: 'Reuters' });
    expect(checkAffiliation('')).toEqual({ ok: true, value: null });
    expect(checkAffiliation(null)).toEqual({ ok: true, value: null });
    expect(checkPhotoUrl('  ')).toEqual({ ok: true, value: null });
  });

  it('accepts http(s) photo addresses and site paths only', () => {
    expect(checkPhotoUrl('https://cdn.example/jane.jpg')).toMatchObject({ ok: true });
    expect(checkPhotoUrl('/media/jane.jpg')).toMatchObject({ ok: true });
    for (const bad of [
      'javascript:alert(1)',
      'data:image/png;base64,AA',
      '//evil.example/x.jpg',
      'jane.jpg',
    ]) {
      expect(checkPhotoUrl(bad)).toMatchObject({ ok: false });
    }
    expect(checkBio('x'.repeat(2001))).toMatchObject({ ok: false });
  });
});
