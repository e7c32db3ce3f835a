import {
  applySuggestion,
  applySuggestions,
  revertSuggestion,
  revertSuggestions,
  selectSuggestion,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import type { Mark, MarkType, Node } from '@tiptap/pm/model';
import type { Command, EditorState, Transaction } from '@tiptap/pm/state';
import { AddMarkStep, AddNodeMarkStep, RemoveMarkStep, RemoveNodeMarkStep } from '@tiptap/pm/transform';
import type { Suggester, SuggestionKind } from './suggest-mode';
import { suggestionMarks } from './suggest-mode';
import { makeSuggestionId, parseSuggestionId, type SuggestionAuthor } from './suggestion-id';

/**
 * Suggest mode's working part (issue 17), loaded on first use: this person's transactions turned into
 * suggestions by @handlewithcare/prosemirror-suggest-changes, with ids that name them; the open
 * suggestions listed; accepting and rejecting them (plain editor transactions, so the same over Yjs and
 * over REST).
 */

/**
 * Whether a transaction is this person's own edit, to be suggested. Never someone else's typing or
 * Yjs's undo (y-tiptap's `y-sync$` meta, the key the package checks too), Tiptap's undo and redo
 * (`history$`), a body set from outside (setContent with emitUpdate false: a merge, a restore), or the
 * package's own accept, reject and on/off transactions (`skip`).
 */
export function isOwnEdit(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  const sync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean };
  if (sync.isChangeOrigin || sync.isUndoRedoOperation) return false;
  if (tr.getMeta('history$') || tr.getMeta('preventUpdate')) return false;
  const own = tr.getMeta(suggestChangesKey) as object | undefined;
  return !(own && 'skip' in own);
}

/** ProseMirror's refusal of a step: its TransformError (not exported, known by name) or the model's RangeError. */
const isRefusedStep = (error: unknown) =>
  error instanceof RangeError || (error instanceof Error && error.name === 'TransformError');

/**
 * Turns this staff member's edits into suggestions with their ids (see `reattribute`). An edit of whole
 * blocks (a paragraph, photo, rule or list inserted or deleted as a whole, a paste of several paragraphs)
 * cannot be a suggestion: the package would mark the block itself (a node mark), which no container
 * allows (ADR 0036: the shared Yjs document does not carry node marks), and ProseMirror refuses the step.
 * Such an edit is not made at all, and `told(true)` says so; `told(false)` after each edit that was.
 */
export function suggester(
  staffId: string,
  told: (refused: boolean) => void = () => {},
  now: () => number = Date.now,
): Suggester {
  return (tr, state) => {
    if (!isOwnEdit(tr)) return tr;
    const fresh = makeSuggestionId(staffId, now());
    let tracked: Transaction;
    try {
      tracked = transformToSuggestionTransaction(tr, state, () => fresh);
    } catch (error) {
      if (!isRefusedStep(error)) throw error;
      told(true);
      return state.tr;
    }
    told(false);
    return reattribute(tracked, state.doc, staffId, fresh);
  };
}

/** Ranges of the transaction's result that its steps touched (replaced, or marked). */
function touchedRanges(tr: Transaction): [number, number][] {
  const ranges: [number, number][] = [];
  const size = tr.doc.content.size;
  tr.steps.forEach((step, i) => {
    const after = tr.mapping.slice(i + 1);
    const add = (from: number, to: number) => {
      ranges.push([Math.max(0, after.map(from, -1)), Math.min(size, after.map(to, 1))]);
    };
    step.getMap().forEach((_oldFrom, _oldTo, from, to) => {
      add(from, to);
    });
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) add(step.from, step.to);
    if (step instanceof AddNodeMarkStep || step instanceof RemoveNodeMarkStep) add(step.pos, step.pos + 1);
  });
  return ranges;
}

interface Fix {
  from: number;
  to: number;
  mark: Mark;
  id: string;
  node: boolean;
}

/**
 * The package joins a new insertion or deletion to one right before or after it, and takes that one's id
 * (replaceStep.js, markBefore and markAfter): typing next to a colleague's suggestion would be theirs, and
 * a suggestion after it could be renamed to it. After the package's transform, every insertion and
 * deletion mark in what the transaction touched is set right: what was there before keeps the suggestion
 * it had (the package may have renamed it), and what this transaction inserted or newly marked is this
 * person's (this transaction's id, unless it already carries one of theirs). Formatting suggestions
 * (modification) always get the transaction's own id from the package.
 */
export function reattribute(tracked: Transaction, before: Node, staffId: string, fresh: string): Transaction {
  const back = tracked.mapping.invert();
  const mine = (id: unknown) => parseSuggestionId(id)?.staffId === staffId;
  const fixes: Fix[] = [];
  const decide = (pos: number, mark: Mark, node: boolean) => {
    const result = back.mapResult(pos, 1);
    // Inserted text maps back onto its neighbour, whose suggestion it must not take; a block keeps its
    // mark through a change of its type (the step replaces its opening token).
    const old = !node && result.deletedAfter ? null : before.nodeAt(result.pos);
    const kept = old && (!node || old.type === tracked.doc.nodeAt(pos)?.type) ? old : null;
    const was = kept ? mark.type.isInSet(kept.marks)?.attrs.id : undefined;
    const id = String(was ?? (mine(mark.attrs.id) ? mark.attrs.id : fresh));
    if (id === mark.attrs.id) return;
    const last = fixes.at(-1);
    if (!node && last && !last.node && last.to === pos && last.id === id && last.mark.eq(mark))
      last.to = pos + 1;
    else fixes.push({ from: pos, to: pos + 1, mark, id, node });
  };
  const decided = new Set<string>();
  const once = (key: string, run: () => void) => {
    if (decided.has(key)) return;
    decided.add(key);
    run();
  };
  for (const [from, to] of touchedRanges(tracked)) {
    tracked.doc.nodesBetween(from, to, (node, pos) => {
      for (const mark of suggestionMarks(node.marks)) {
        if (mark.type.name === 'modification') continue;
        const key = `${mark.type.name}:`;
        if (!node.isInline) {
          once(`${key}node${pos}`, () => decide(pos, mark, true));
          continue;
        }
        const end = Math.min(pos + node.nodeSize, to);
        for (let p = Math.max(pos, from); p < end; p++) once(`${key}${p}`, () => decide(p, mark, false));
      }
    });
  }
  for (const fix of fixes) {
    const renamed = fix.mark.type.create({ ...fix.mark.attrs, id: fix.id });
    if (fix.node) {
      tracked.removeNodeMark(fix.from, fix.mark);
      tracked.addNodeMark(fix.from, renamed);
    } else {
      tracked.removeMark(fix.from, fix.to, fix.mark.type as MarkType);
      tracked.addMark(fix.from, fix.to, renamed);
    }
  }
  return tracked;
}

/** One open suggestion, as the list shows it. */
export interface Suggestion {
  id: string;
  author: SuggestionAuthor | null;
  kinds: SuggestionKind[];
  inserted: string;
  deleted: string;
  /** Where it is in the body: from its first position to the end of its last. */
  from: number;
  to: number;
}

/** The package's marker for a suggestion across a block's end: never shown, never quoted. */
const ANCHOR = /\u200B/g;

/** Every open suggestion in the body, in the order they appear. */
export function listSuggestions(doc: Node): Suggestion[] {
  const found = new Map<string, Suggestion>();
  doc.descendants((node, pos) => {
    for (const mark of suggestionMarks(node.marks)) {
      const id = String(mark.attrs.id);
      const kind = mark.type.name as SuggestionKind;
      let item = found.get(id);
      if (!item) {
        item = {
          id,
          author: parseSuggestionId(id),
          kinds: [],
          inserted: '',
          deleted: '',
          from: pos,
          to: pos,
        };
        found.set(id, item);
      }
      if (!item.kinds.includes(kind)) item.kinds.push(kind);
      const text =
        node.type.name === 'hardBreak'
          ? '\n'
          : (node.isText ? (node.text ?? '') : node.textContent).replace(ANCHOR, '');
      if (kind === 'insertion') item.inserted += text;
      if (kind === 'deletion') item.deleted += text;
      item.to = Math.max(item.to, pos + node.nodeSize);
    }
    return true;
  });
  return [...found.values()];
}

const quote = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}”`;
};

/** What a suggestion does, in a few words: "Inserted “…”", "Deleted “…”", "Replaced “…” with “…”", "Formatting “…”". */
export function describeSuggestion(item: Suggestion): string {
  const inserted = item.inserted.trim() ? quote(item.inserted) : null;
  const deleted = item.deleted.trim() ? quote(item.deleted) : null;
  const has = (kind: SuggestionKind) => item.kinds.includes(kind);
  // Bold, italic or a link in suggest mode: the package deletes the text and inserts it formatted.
  if (has('insertion') && has('deletion') && inserted && inserted === deleted)
    return `Formatting ${inserted}`;
  if (has('insertion') && has('deletion') && inserted && deleted)
    return `Replaced ${deleted} with ${inserted}`;
  const gap = (text: string) => (text.includes('\n') ? 'a line break' : 'a paragraph break');
  if (has('insertion')) return inserted ? `Inserted ${inserted}` : `Inserted ${gap(item.inserted)}`;
  if (has('deletion')) return deleted ? `Deleted ${deleted}` : `Deleted ${gap(item.deleted)}`;
  return 'Formatting';
}

/**
 * Accepts or rejects one suggestion. The package's applySuggestion and revertSuggestion take every
 * formatting suggestion in their range along with it (commands.js: the modifications are not filtered
 * by id), so the range is narrowed to this suggestion's own.
 */
export function settle(item: Suggestion, accept: boolean): Command {
  return accept
    ? applySuggestion(item.id, item.from, item.to)
    : revertSuggestion(item.id, item.from, item.to);
}

/** Accepts or rejects every open suggestion. */
export function settleAll(accept: boolean): Command {
  return accept ? applySuggestions : revertSuggestions;
}

/** Selects a suggestion's passage (its text, or the block it marks). */
export function selectPassage(id: string): Command {
  return selectSuggestion(id);
}

export type { EditorState };
