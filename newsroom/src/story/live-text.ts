import type * as Y from 'yjs';

/** A Yjs text change as its observers see it, over the text before the change. */
export type Delta = { insert?: unknown; retain?: number; delete?: number }[];

/** Turns `from` into `to` in the Y.Text by deleting and inserting only the middle that differs. */
export function applyChange(text: Y.Text, from: string, to: string): void {
  let start = 0;
  const shortest = Math.min(from.length, to.length);
  while (start < shortest && from[start] === to[start]) start++;
  let end = 0;
  while (end < shortest - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  const removed = from.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const added = to.slice(start, to.length - end);
  if (added) text.insert(start, added);
}

/** Where a caret at `index` of the old text is after a remote change (a Yjs delta over the old text). */
export function moved(index: number, delta: Delta): number {
  let at = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) at += op.retain;
    else if (op.delete !== undefined) {
      if (at < index) shift -= Math.min(op.delete, index - at);
      at += op.delete;
    } else if (op.insert !== undefined) {
      // Text inserted right at the caret goes after it: this person's next letter stays where they look.
      if (at < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    }
    if (at >= index) break;
  }
  return index + shift;
}
