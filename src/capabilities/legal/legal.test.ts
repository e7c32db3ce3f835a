import { describe, expect, it } from 'vitest';
import { checkNewLegalVersion, currentVersion, legalStatus } from './legal.js';

const NOW = '2026-11-16T09:00:00.000Z';
const draft = {
  title: 'Terms of Use',
  body: '# Terms\r\n\r\nBe kind.',
  summaryOfChanges: '',
  requiresAcceptance: true,
};

describe('checkNewLegalVersion', () => {
  it('takes effect now when no time is given, and normalises a given time to UTC', () => {
    expect(checkNewLegalVersion(draft, { now: NOW, previous: null })).toEqual({
      ok: true,
      value: { ...draft, body: '# Terms\n\nBe kind.', effectiveAt: NOW },
    });
    const later = checkNewLegalVersion(
      { ...draft, effectiveAt: '2026-12-01T01:00:00+01:00' },
      { now: NOW, previous: null },
    );
    expect(later).toMatchObject({ ok: true, value: { effectiveAt: '2026-12-01T00:00:00.000Z' } });
  });

  it('refuses a past, malformed or out-of-order effective time', () => {
    for (const effectiveAt of ['2026-11-16T08:59:59Z', '2026-12-01', 'next week', '2026-13-01T00:00:00Z']) {
      expect(checkNewLegalVersion({ ...draft, effectiveAt }, { now: NOW, previous: null })).toMatchObject({
        ok: false,
        field: 'effectiveAt',
      });
    }
    const previous = { version: 2, effectiveAt: '2026-12-01T00:00:00.000Z' };
    expect(
      checkNewLegalVersion(
        { ...draft, summaryOfChanges: 'Fix', effectiveAt: '2026-11-20T00:00:00Z' },
        { now: NOW, previous },
      ),
    ).toMatchObject({ ok: false, field: 'effectiveAt' });
    expect(checkNewLegalVersion({ ...draft, summaryOfChanges: 'Fix' }, { now: NOW, previous })).toMatchObject(
      {
        ok: false,
        field: 'effectiveAt',
      },
    );
  });

  it('asks what changed after the first version, and needs a title and body', () => {
    const previous = { version: 1, effectiveAt: NOW };
    expect(checkNewLegalVersion(draft, { now: NOW, previous })).toMatchObject({
      ok: false,
      field: 'summaryOfChanges',
    });
    expect(checkNewLegalVersion({ ...draft, title: ' ' }, { now: NOW, previous: null })).toMatchObject({
      field: 'title',
    });
    expect(checkNewLegalVersion({ ...draft, body: ' \n ' }, { now: NOW, previous: null })).toMatchObject({
      field: 'body',
    });
  });
});

describe('the version in force', () => {
  const versions = [
    { version: 1, effectiveAt: '2026-01-01T00:00:00.000Z' },
    { version: 2, effectiveAt: '2026-11-16T09:00:00.000Z' },
    { version: 3, effectiveAt: '2026-12-01T00:00:00.000Z' },
  ];

  it('is the newest whose effective time has come', () => {
    expect(currentVersion(versions, '2025-12-31T23:59:59.999Z')).toBeNull();
    expect(currentVersion(versions, '2026-11-16T08:59:59.999Z')?.version).toBe(1);
    expect(currentVersion(versions, NOW)?.version).toBe(2);
    expect(currentVersion(versions, '2026-12-01T00:00:00.000Z')?.version).toBe(3);
  });

  it('marks each version current, scheduled or superseded', () => {
    const current = currentVersion(versions, NOW);
    expect(versions.map((v) => legalStatus(v, current, NOW))).toEqual(['superseded', 'current', 'scheduled']);
  });
});
