import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { longestFirst, readDurations } from './longest-first-sequencer.js';

describe('the longest-first order of test files', () => {
  const root = '/repo';
  const file = (name: string) => ({ moduleId: `${root}/${name}` });

  it('starts unrecorded files first, then the recorded ones longest first', () => {
    const durations = { 'a.test.ts': 3, 'b.test.ts': 90, 'c.test.ts': 0, 'd.test.ts': 41 };
    const order = longestFirst(
      ['a.test.ts', 'b.test.ts', 'new.test.ts', 'c.test.ts', 'd.test.ts'].map(file),
      durations,
      root,
    );
    expect(order.map((f) => f.moduleId.slice(root.length + 1))).toEqual([
      'new.test.ts',
      'b.test.ts',
      'd.test.ts',
      'a.test.ts',
      'c.test.ts',
    ]);
  });

  it('keeps a whole number of seconds for test files that exist, and for most of them', () => {
    const durations = readDurations();
    const root = path.resolve(import.meta.dirname, '../..');
    const recorded = Object.entries(durations);
    expect(recorded.length).toBeGreaterThan(150);
    // The recorder drops deleted files; an entry without its file was written by hand or left stale.
    for (const [file, seconds] of recorded) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
      expect(Number.isInteger(seconds) && seconds >= 0, file).toBe(true);
    }
  });
});
