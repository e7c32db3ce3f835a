import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv-reader.js';
import { csvCell, csvRow } from '../../platform/csv.js';
import { checkConsentRange } from './consent.js';

describe('checkConsentRange', () => {
  it('reads days as whole UTC days and times as instants, both ends inclusive', () => {
    expect(checkConsentRange({})).toEqual({ ok: true, value: { from: null, before: null } });
    expect(checkConsentRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      ok: true,
      value: { from: '2026-11-01T00:00:00.000Z', before: '2026-12-01T00:00:00.000Z' },
    });
    expect(checkConsentRange({ from: '2026-11-01T10:00:00+02:00', to: '2026-11-01T12:00:00Z' })).toEqual({
      ok: true,
      value: { from: '2026-11-01T08:00:00.000Z', before: '2026-11-01T12:00:00.001Z' },
    });
    expect(checkConsentRange({ from: ' ', to: '' })).toEqual({
      ok: true,
      value: { from: null, before: null },
    });
    expect(checkConsentRange({ from: '2026-11-05', to: '2026-11-05' })).toMatchObject({ ok: true });
  });

  it.each([
    ['from', { from: 'yesterday' }],
    ['from', { from: '2026-02-30' }],
    ['from', { from: '2026-02-30T00:00:00Z' }],
    ['to', { to: '2026-11-01T25:00:00Z' }],
    ['to', { to: '2026-11-01T10:00:00' }],
    ['to', { to: '1e9' }],
    ['to', { from: '2026-11-02', to: '2026-11-01' }],
  ] as const)('refuses %s in %j', (field, input) => {
    expect(checkConsentRange(input)).toMatchObject({ ok: false, field, message: expect.any(String) });
  });
});

describe('audit CSV cells', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(3)).toBe('3');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("http://x.example","a,b")')).toBe(
      '"\'=HYPERLINK(""http://x.example"",""a,b"")"',
    );
  });

  it('round-trips hostile values through a CSV reader', () => {
    const hostile = ['=cmd|"/c calc"!A1', 'a,b', '"quoted"', 'line\r\nbreak', '', ' spaced ', 'ünï©ødé'];
    const text = csvRow(['h1', 'h2']) + csvRow(hostile) + csvRow(['x', 'y']);
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ['h1', 'h2'],
      hostile.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)),
      ['x', 'y'],
    ]);
  });
});
