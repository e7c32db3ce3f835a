/**
 * What changed between two revisions of an article, in a form the newsroom can read: text fields word by word,
 * the body line by line (one line per paragraph, see `documentToLines`), lists item by item.
 */
import { diffArrays, diffWords, diffWordsWithSpace } from 'diff';
import type { ArticleDocument } from './document.js';
import { documentToLines } from './document-text.js';

/** A value a revision snapshot may hold. */
export type RevisionValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly string[]
  | ArticleDocument;

export interface FieldChange {
  op: 'added' | 'removed' | 'same';
  value: string;
}

export interface FieldDiff {
  field: string;
  /** `text`: runs of words (or, for the body, whole lines); `list`: one change per item. */
  kind: 'text' | 'list';
  changes: FieldChange[];
}

/**
 * The fields that differ between `before` and `after`, in the order they first appear (before's keys, then keys
 * only after has). Unchanged fields are left out. The body is compared by its text: a change of formatting alone
 * (bold, a link's address) does not show.
 */
export function diffRevisions<T extends { [K in keyof T]: RevisionValue }>(before: T, after: T): FieldDiff[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])] as (keyof T & string)[];
  const diffs: FieldDiff[] = [];
  for (const field of fields) {
    const diff = diffField(field, before[field], after[field]);
    if (diff) diffs.push(diff);
  }
  return diffs;
}

function diffField(field: string, before: RevisionValue, after: RevisionValue): FieldDiff | null {
  if (isDocument(before) || isDocument(after)) {
    const changes = diffItems(linesOf(before), linesOf(after));
    return changes ? { field, kind: 'text', changes } : null;
  }
  if (isList(before) || isList(after)) {
    const changes = diffItems(itemsOf(before), itemsOf(after));
    return changes ? { field, kind: 'list', changes } : null;
  }
  const changes = diffText(textOf(before), textOf(after));
  return changes ? { field, kind: 'text', changes } : null;
}

function diffItems(before: string[], after: string[]): FieldChange[] | null {
  if (before.length === after.length && before.every((item, i) => item === after[i])) return null;
  return diffArrays(before, after).flatMap((change) =>
    change.value.map((value) => ({ op: opOf(change), value })),
  );
}

function diffText(before: string, after: string): FieldChange[] | null {
  if (before === after) return null;
  const byWords = diffWords(before, after);
  // diffWords does not see a change of spacing alone; show that one space by space rather than as "no change".
  const changes = byWords.some((c) => c.added || c.removed) ? byWords : diffWordsWithSpace(before, after);
  return changes.map((change) => ({ op: opOf(change), value: change.value }));
}

function opOf(change: { added: boolean; removed: boolean }): FieldChange['op'] {
  return change.added ? 'added' : change.removed ? 'removed' : 'same';
}

function isDocument(value: RevisionValue): value is ArticleDocument {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';
}

function isList(value: RevisionValue): value is readonly string[] {
  return Array.isArray(value);
}

function linesOf(value: RevisionValue): string[] {
  if (isDocument(value)) return documentToLines(value);
  return textOf(value)
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function itemsOf(value: RevisionValue): string[] {
  if (isList(value)) return value.map(String);
  const text = textOf(value);
  return text === '' ? [] : [text];
}

function textOf(value: RevisionValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A document or list on the other side was handled before; anything else is shown as data.
  return JSON.stringify(value);
}
