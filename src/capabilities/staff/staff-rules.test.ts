import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.js';
import { checkNewApiToken, looksLikeApiToken } from './api-token.js';
import { secretsMatch } from './secrets.js';
import { createSignInLimiter } from './sign-in-limiter.js';
import { checkRoleChange } from './staff.js';

describe('checkRoleChange', () => {
  it('lets admins manage up to editor and keeps admins and owners to owners', () => {
    expect(checkRoleChange('admin', 'reporter', 'editor')).toEqual({ ok: true });
    expect(checkRoleChange('admin', null, 'contributor')).toEqual({ ok: true });
    expect(checkRoleChange('admin', 'editor', 'admin')).toMatchObject({ ok: false });
    expect(checkRoleChange('admin', 'admin', null)).toMatchObject({ ok: false });
    expect(checkRoleChange('admin', 'owner', 'editor')).toMatchObject({ ok: false });
    expect(checkRoleChange('owner', 'admin', 'owner')).toEqual({ ok: true });
    expect(checkRoleChange('editor', 'contributor', null)).toMatchObject({ ok: false });
  });
});

describe('checkNewApiToken', () => {
  it('trims the name, refuses unknown roles and roles above the creator', () => {
    expect(checkNewApiToken({ name: ' Feed ', role: 'editor' }, 'admin')).toEqual({
      ok: true,
      value: { name: 'Feed', role: 'editor' },
    });
    expect(checkNewApiToken({ name: 'Feed', role: 'admin' }, 'admin').ok).toBe(true);
    expect(checkNewApiToken({ name: 'Feed', role: 'owner' }, 'admin')).toMatchObject({
      ok: false,
      reason: 'above_creator',
    });
    expect(checkNewApiToken({ name: 'Feed', role: 'chief' }, 'owner')).toMatchObject({
      ok: false,
      field: 'role',
      reason: 'invalid',
    });
    expect(checkNewApiToken({ name: 'x'.repeat(121), role: 'editor' }, 'owner')).toMatchObject({
      ok: false,
      field: 'name',
    });
  });

  it('recognises only well-formed tokens', () => {
    expect(looksLikeApiToken(`mh_${'A'.repeat(43)}`)).toBe(true);
    expect(looksLikeApiToken(`mh_${'A'.repeat(42)}`)).toBe(false);
    expect(looksLikeApiToken(`xx_${'A'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiToken(`mh_${'A'.repeat(42)}=`)).toBe(false);
  });
});

describe('secretsMatch', () => {
  it('matches equal secrets only, whatever the lengths', () => {
    expect(secretsMatch('abc', 'abc')).toBe(true);
    expect(secretsMatch('abc', 'abd')).toBe(false);
    expect(secretsMatch('', 'abc')).toBe(false);
    expect(secretsMatch('abcd', 'abc')).toBe(false);
  });
});

describe('createSignInLimiter', () => {
  const rules = [
    { name: 'ip_email', limit: 2, windowMs: 60_000 },
    { name: 'ip', limit: 3, windowMs: 60_000 },
    { name: 'email', limit: 4, windowMs: 60_000 },
  ] as const;

  it('holds back one address guessing one account, then frees it when the window ends', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const limiter = createSignInLimiter(clock, rules);
    expect(limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({ ok: true });
    expect(limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({ ok: true });
    clock.advance(20_000);
    expect(limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({
      ok: false,
      rule: 'ip_email',
      retryAfterSeconds: 40,
    });
    clock.advance(40_000);
    expect(limiter.attempt('1.1.1.1', 'a@x.example')).toEqual({ ok: true });
  });

  it('caps one address across accounts and one account across addresses', () => {
    const limiter = createSignInLimiter(fixedClock('2026-01-01T00:00:00Z'), rules);
    for (const email of ['a@x.example', 'b@x.example', 'c@x.example']) {
      expect(limiter.attempt('1.1.1.1', email).ok).toBe(true);
    }
    expect(limiter.attempt('1.1.1.1', 'd@x.example')).toMatchObject({ ok: false, rule: 'ip' });
    for (const ip of ['2.2.2.2', '3.3.3.3', '4.4.4.4'])
      expect(limiter.attempt(ip, 'z@x.example').ok).toBe(true);
    expect(limiter.attempt('5.5.5.5', 'z@x.example').ok).toBe(true);
    expect(limiter.attempt('6.6.6.6', 'z@x.example')).toMatchObject({ ok: false, rule: 'email' });
  });

  it('clears the address-and-account count after a success', () => {
    const limiter = createSignInLimiter(fixedClock('2026-01-01T00:00:00Z'), rules);
    limiter.attempt('1.1.1.1', 'a@x.example');
    limiter.attempt('1.1.1.1', 'a@x.example');
    limiter.succeeded('1.1.1.1', 'a@x.example');
    expect(limiter.attempt('1.1.1.1', 'a@x.example').ok).toBe(true);
  });
});
