import { describe, expect, it } from 'vitest';
import { secretsMatch } from '../../platform/secrets.js';
import { checkNewApiToken, looksLikeApiToken } from './api-token.js';
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
