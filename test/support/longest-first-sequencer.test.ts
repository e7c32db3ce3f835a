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

  it('reads the recorded durations the repository keeps, the build test among the longest', () => {
    const durations = readDurations();
    expect(Object.keys(durations).length).toBeGreaterThan(150);
    const slowest = Object.entries(durations)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 10)
      .map(([name]) => name);
    expect(slowest).toContain('test/process/build-and-serve.test.ts');
  });
});
