import { describe, expect, it } from 'vitest';
import {
  explainWall,
  formatPaperTime,
  fromPaperWall,
  paperZoneLabel,
  samePaperDay,
  toPaperWall,
  zoneAbbreviation,
} from './paper-time';

const NY = 'America/New_York';
const iso = (r: ReturnType<typeof fromPaperWall>) => r?.instant.toISOString();

describe('times in the paper’s zone', () => {
  it('reads a plain wall time in each zone as the instant it means, and back', () => {
    expect(iso(fromPaperWall({ date: '2026-11-16', time: '09:00' }, NY))).toBe('2026-11-16T14:00:00.000Z');
    expect(iso(fromPaperWall({ date: '2026-07-01', time: '09:00' }, NY))).toBe('2026-07-01T13:00:00.000Z');
    expect(iso(fromPaperWall({ date: '2026-07-01', time: '09:00' }, 'Europe/London'))).toBe(
      '2026-07-01T08:00:00.000Z',
    );
    expect(iso(fromPaperWall({ date: '2026-01-15', time: '09:00' }, 'Europe/London'))).toBe(
      '2026-01-15T09:00:00.000Z',
    );
    expect(iso(fromPaperWall({ date: '2026-01-15', time: '09:00' }, 'Australia/Sydney'))).toBe(
      '2026-01-14T22:00:00.000Z',
    );
    expect(iso(fromPaperWall({ date: '2026-12-31', time: '23:59' }, 'UTC'))).toBe('2026-12-31T23:59:00.000Z');
    expect(toPaperWall('2026-11-16T14:00:00.000Z', NY)).toEqual({ date: '2026-11-16', time: '09:00' });
    expect(toPaperWall('2026-01-14T22:00:00.000Z', 'Australia/Sydney')).toEqual({
      date: '2026-01-15',
      time: '09:00',
    });
  });

  it('moves a time the clocks skip forward by the gap, and says so', () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT, so 02:30 is never shown.
    const wall = { date: '2026-03-08', time: '02:30' };
    const r = fromPaperWall(wall, NY);
    expect(r).toMatchObject({ kind: 'skipped' });
    expect(iso(r)).toBe('2026-03-08T07:30:00.000Z');
    expect(toPaperWall(r!.instant, NY)).toEqual({ date: '2026-03-08', time: '03:30' });
    expect(explainWall(wall, r!, NY)).toBe(
      '02:30 does not exist on 8 Mar 2026 in New York time (the clocks go forward): it means 03:30 EDT.',
    );
    // The minutes either side of the gap are plain.
    expect(fromPaperWall({ date: '2026-03-08', time: '01:59' }, NY)).toMatchObject({ kind: 'exact' });
    expect(iso(fromPaperWall({ date: '2026-03-08', time: '03:00' }, NY))).toBe('2026-03-08T07:00:00.000Z');
    // London (29 March, 01:00 → 02:00) and Sydney (4 October, 02:00 → 03:00) alike.
    expect(iso(fromPaperWall({ date: '2026-03-29', time: '01:30' }, 'Europe/London'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    const sydney = fromPaperWall({ date: '2026-10-04', time: '02:30' }, 'Australia/Sydney');
    expect(sydney?.kind).toBe('skipped');
    expect(toPaperWall(sydney!.instant, 'Australia/Sydney').time).toBe('03:30');
  });

  it('takes the first of a time the clocks show twice, and names the second', () => {
    // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30 and 06:30 UTC.
    const wall = { date: '2026-11-01', time: '01:30' };
    const r = fromPaperWall(wall, NY);
    expect(r).toMatchObject({ kind: 'ambiguous' });
    expect(iso(r)).toBe('2026-11-01T05:30:00.000Z');
    expect(r?.kind === 'ambiguous' && r.later.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(explainWall(wall, r!, NY)).toBe(
      '01:30 happens twice on 1 Nov 2026 in New York time (the clocks go back): this is the first, 01:30 EDT, not 01:30 EST.',
    );
    // The same rule in London (25 October) and Sydney (5 April): the first, still on summer time.
    expect(iso(fromPaperWall({ date: '2026-10-25', time: '01:30' }, 'Europe/London'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(fromPaperWall({ date: '2026-04-05', time: '02:30' }, 'Australia/Sydney'))).toBe(
      '2026-04-04T15:30:00.000Z',
    );
    expect(fromPaperWall({ date: '2026-11-16', time: '01:30' }, NY)?.kind).toBe('exact');
    expect(fromPaperWall({ date: '2026-11-01', time: '01:30' }, 'UTC')?.kind).toBe('exact');
  });

  it('refuses what is not a date and a time', () => {
    expect(fromPaperWall({ date: '2026-02-30', time: '09:00' }, NY)).toBeNull();
    expect(fromPaperWall({ date: '2026-11-16', time: '24:00' }, NY)).toBeNull();
    expect(fromPaperWall({ date: '', time: '09:00' }, NY)).toBeNull();
  });

  it('formats instants for staff with the zone’s own abbreviation, summer and winter', () => {
    expect(formatPaperTime('2026-11-16T14:00:00.000Z', NY)).toBe('16 Nov 2026, 09:00 EST');
    expect(formatPaperTime('2026-07-01T13:00:00.000Z', NY, { short: true })).toBe('1 Jul, 09:00 EDT');
    expect(formatPaperTime('2026-07-01T08:00:00.000Z', 'Europe/London')).toBe('1 Jul 2026, 09:00 BST');
    expect(formatPaperTime('2026-01-15T09:00:00.000Z', 'Europe/London')).toBe('15 Jan 2026, 09:00 GMT');
    expect(formatPaperTime('2026-01-14T22:00:00.000Z', 'Australia/Sydney')).toBe('15 Jan 2026, 09:00 AEDT');
    expect(formatPaperTime('2026-07-01T08:00:00.000Z', 'UTC')).toBe('1 Jul 2026, 08:00 UTC');
    expect(zoneAbbreviation('Asia/Kolkata', '2026-07-01T00:00:00Z')).toBe('IST');
    expect(zoneAbbreviation('Asia/Tbilisi', '2026-07-01T00:00:00Z')).toBe('GMT+4');
    expect(paperZoneLabel(NY, '2026-11-16T14:00:00Z')).toBe('New York time (EST)');
    expect(paperZoneLabel('Europe/London', '2026-07-01T00:00:00Z')).toBe('London time (BST)');
    expect(paperZoneLabel('UTC')).toBe('UTC');
  });

  it('knows the paper’s day, not the computer’s', () => {
    // 03:00 UTC on the 17th is still the 16th in New York.
    expect(samePaperDay('2026-11-17T03:00:00Z', '2026-11-16T15:00:00Z', NY)).toBe(true);
    expect(samePaperDay('2026-11-17T03:00:00Z', '2026-11-16T15:00:00Z', 'UTC')).toBe(false);
  });
});
