import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, type Delta, moved } from './live-text';

function textOf(value: string): Y.Text {
  const text = new Y.Doc().getText('headline');
  text.insert(0, value);
  return text;
}

describe("applyChange: a field's new value as the smallest Y.Text change", () => {
  it.each([
    ['Storm closes road', 'Storm closes coast road'],
    ['Storm closes coast road', 'Storm closes road'],
    ['aaa', 'aaaa'],
    ['', 'New'],
    ['Old', ''],
    ['Flood warning', 'Flood watch'],
  ])('%j → %j', (from, to) => {
    const text = textOf(from);
    applyChange(text, from, to);
    expect(text.toString()).toBe(to);
  });

  it('keeps a concurrent edit elsewhere in the same text (no whole-value replace)', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    mine.getText('headline').insert(0, 'Storm closes road');
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    applyChange(mine.getText('headline'), 'Storm closes road', 'Storm closes coast road');
    applyChange(theirs.getText('headline'), 'Storm closes road', 'Storm closes road tonight');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    expect(mine.getText('headline').toString()).toBe('Storm closes coast road tonight');
    expect(theirs.getText('headline').toString()).toBe('Storm closes coast road tonight');
  });
});

describe("moved: where a caret goes after someone else's change", () => {
  const cases: [string, number, Delta, number][] = [
    ['an insert before it pushes it on', 5, [{ retain: 2 }, { insert: 'abc' }], 8],
    ['an insert after it leaves it', 2, [{ retain: 4 }, { insert: 'abc' }], 2],
    ['an insert right at it goes after it', 3, [{ retain: 3 }, { insert: 'xy' }], 3],
    ['a delete before it pulls it back', 6, [{ retain: 1 }, { delete: 2 }], 4],
    ['a delete around it puts it at the start of the gap', 4, [{ retain: 2 }, { delete: 5 }], 2],
    ['a delete after it leaves it', 1, [{ retain: 3 }, { delete: 2 }], 1],
  ];
  it.each(cases)('%s', (_, index, delta, expected) => {
    expect(moved(index, delta)).toBe(expected);
  });
});
