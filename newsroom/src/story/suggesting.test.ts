import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import { getSchema } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { bodyExtensions } from './body-schema';
import { withoutSuggestions } from './suggest-mode';
import { describeSuggestion, isOwnEdit, listSuggestions, settle, settleAll, suggester } from './suggesting';
import { makeSuggestionId, parseSuggestionId } from './suggestion-id';

const schema = getSchema(bodyExtensions);
const ME = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ANA = '0193a1b2-0000-7e5f-8a9b-0c1d2e3f4a5b';
const BEN = '0193a1b2-1111-7e5f-8a9b-0c1d2e3f4a5b';
const anaId = `${ANA}.1765000000000.aaaaaa`;
const benId = `${BEN}.1765000000001.bbbbbb`;

type Piece = string | [text: string, mark: 'insertion' | 'deletion', id: string];

/** A one-paragraph body from plain and suggested pieces. */
function body(...pieces: Piece[]): EditorState {
  const text = pieces.map((piece) =>
    typeof piece === 'string'
      ? schema.text(piece)
      : schema.text(piece[0], [schema.marks[piece[1]]!.create({ id: piece[2] })]),
  );
  const doc = schema.node('doc', null, [schema.node('paragraph', null, text)]);
  return EditorState.create({ schema, doc });
}

/** Runs of the paragraph's text with the suggestion on each: "plain", "+id", "-id". */
function runs(doc: Node): [string, string][] {
  const out: [string, string][] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const mark = node.marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion');
    const who = mark
      ? `${mark.type.name === 'insertion' ? '+' : '-'}${parseSuggestionId(mark.attrs.id)?.staffId.slice(9, 13)}`
      : 'plain';
    const last = out.at(-1);
    if (last && last[1] === who) last[0] += node.text;
    else out.push([node.text ?? '', who]);
    return true;
  });
  return out;
}

/** Whose ids, by the staff id's second group: me c3d4, Ana 0000, Ben 1111. */
const mine = 'c3d4';

const suggest = (state: EditorState, edit: (tr: Transaction) => Transaction) =>
  state.apply(suggester(ME)(edit(state.tr), state));

describe('suggestion ids', () => {
  it('name the staff member and the time, with six base36 characters', () => {
    const id = makeSuggestionId(ME, 1765012345678);
    expect(id).toMatch(new RegExp(`^${ME}\\.1765012345678\\.[0-9a-z]{6}$`));
    expect(parseSuggestionId(id)).toEqual({ staffId: ME, at: new Date(1765012345678) });
    expect(makeSuggestionId(ME)).not.toBe(makeSuggestionId(ME));
  });

  it('are not read from numbers or other forms', () => {
    expect(parseSuggestionId(3)).toBeNull();
    expect(parseSuggestionId(`${ME}.1765012345678.ABCDEF`)).toBeNull();
    expect(parseSuggestionId(`${ME}.1765012345678.abc`)).toBeNull();
    expect(parseSuggestionId('not-a-uuid.1765012345678.abcdef')).toBeNull();
  });
});

describe('suggest mode', () => {
  it('marks typed text as my insertion and deleted text as my deletion, keeping the text', () => {
    let state = body('The cat sat.');
    state = suggest(state, (tr) => tr.insertText('big ', 5));
    state = suggest(state, (tr) => tr.delete(12, 16));
    expect(runs(state.doc)).toEqual([
      ['The ', 'plain'],
      ['big ', `+${mine}`],
      ['cat', 'plain'],
      [' sat', `-${mine}`],
      ['.', 'plain'],
    ]);
  });

  it("gives my typing next to a colleague's insertion my own id (the package alone gives theirs)", () => {
    const state = body('The ', ['quick', 'insertion', anaId], ' fox.');
    const tr = state.tr.insertText(' brown', 10);
    const packageAlone = state.apply(transformToSuggestionTransaction(tr, state, () => makeSuggestionId(ME)));
    expect(runs(packageAlone.doc)).toContainEqual(['quick brown', '+0000']);
    const fixed = suggest(state, (t) => t.insertText(' brown', 10));
    expect(runs(fixed.doc)).toEqual([
      ['The ', 'plain'],
      ['quick', '+0000'],
      [' brown', `+${mine}`],
      [' fox.', 'plain'],
    ]);
  });

  it("gives my deletion next to a colleague's deletion my own id", () => {
    const state = body('The ', ['quick', 'deletion', anaId], ' fox.');
    const after = suggest(state, (tr) => tr.delete(10, 14));
    expect(runs(after.doc)).toEqual([
      ['The ', 'plain'],
      ['quick', '-0000'],
      [' fox', `-${mine}`],
      ['.', 'plain'],
    ]);
  });

  it('leaves two colleagues their suggestions when I delete what lies between them', () => {
    const state = body('A ', ['red', 'insertion', anaId], ' old ', ['car', 'insertion', benId], '.');
    const after = suggest(state, (tr) => tr.delete(6, 11));
    expect(runs(after.doc)).toEqual([
      ['A ', 'plain'],
      ['red', '+0000'],
      [' old ', `-${mine}`],
      ['car', '+1111'],
      ['.', 'plain'],
    ]);
  });

  it('suggests a paragraph break (Enter) with the package’s marked zero-width spaces, not node marks, and a line break', () => {
    const state = body('The cat sat.');
    const after = suggest(state, (tr) => tr.split(8));
    expect(after.doc.childCount).toBe(2);
    const [only, ...more] = listSuggestions(after.doc);
    expect(more).toEqual([]);
    expect(only?.author?.staffId).toBe(ME);
    expect(describeSuggestion(only!)).toBe('Inserted a paragraph break');
    const broken = suggest(state, (tr) => tr.replaceSelectionWith(schema.nodes.hardBreak!.create()));
    expect(listSuggestions(broken.doc).map(describeSuggestion)).toEqual(['Inserted a line break']);
  });

  it('lists bold in suggest mode as formatting (the package deletes the text and inserts it bold)', () => {
    const state = body('The cat sat.');
    const after = suggest(state, (tr) => tr.addMark(5, 8, schema.marks.bold!.create()));
    expect(listSuggestions(after.doc).map(describeSuggestion)).toEqual(['Formatting “cat”']);
    const typed = suggest(state, (tr) => tr.insertText('dog', 5, 8));
    expect(listSuggestions(typed.doc).map(describeSuggestion)).toEqual(['Replaced “cat” with “dog”']);
  });

  it('refuses an edit of whole blocks, which cannot be a suggestion (no node marks, ADR 0036)', () => {
    const state = body('The cat sat.');
    const told: boolean[] = [];
    const suggest = suggester(ME, (refused) => told.push(refused));
    const paragraph = schema.node('paragraph', null, [schema.text('A new paragraph.')]);
    const after = state.apply(suggest(state.tr.insert(state.doc.content.size, paragraph), state));
    expect(after.doc.eq(state.doc)).toBe(true);
    expect(told).toEqual([true]);
    state.apply(suggest(state.tr.insertText('big ', 5), state));
    expect(told).toEqual([true, false]);
  });

  it("pastes a colleague's suggested text without the suggestion (a paste is the paster's own text)", () => {
    const state = body('The ', ['quick', 'insertion', anaId], ' fox.');
    const copied = state.doc.slice(1, 14);
    const asParagraph = (slice: typeof copied) => schema.node('paragraph', null, slice.content);
    expect(listSuggestions(asParagraph(copied))).toHaveLength(1);
    const pasted = withoutSuggestions(copied);
    expect(pasted.content.textBetween(0, pasted.content.size)).toBe('The quick fox');
    expect(listSuggestions(asParagraph(pasted))).toEqual([]);
    expect(pasted.openStart).toBe(copied.openStart);
  });

  it("never turns others' typing, undo and redo, or a body set from outside into suggestions", () => {
    const state = body('The cat sat.');
    const edit = () => state.tr.insertText('big ', 5);
    expect(isOwnEdit(edit())).toBe(true);
    expect(isOwnEdit(edit().setMeta('y-sync$', { isChangeOrigin: true }))).toBe(false);
    expect(isOwnEdit(edit().setMeta('y-sync$', { isChangeOrigin: true, isUndoRedoOperation: true }))).toBe(
      false,
    );
    expect(isOwnEdit(edit().setMeta('history$', { redo: false }))).toBe(false);
    expect(isOwnEdit(edit().setMeta('preventUpdate', true))).toBe(false);
    expect(isOwnEdit(state.tr.setMeta('focus', {}))).toBe(false);
    const remote = edit().setMeta('y-sync$', { isChangeOrigin: true });
    expect(suggester(ME)(remote, state)).toBe(remote);
  });
});

describe('the open suggestions', () => {
  const state = body('A ', ['red', 'insertion', anaId], ' old ', ['car', 'deletion', benId], '.');

  it('are listed in order with author and what each does', () => {
    const list = listSuggestions(state.doc);
    expect(list.map((s) => [s.author?.staffId, describeSuggestion(s)])).toEqual([
      [ANA, 'Inserted “red”'],
      [BEN, 'Deleted “car”'],
    ]);
  });

  // The package takes out one of the two spaces a removed word leaves (commands.js), as a reader expects.
  it('are accepted or rejected one by one, or all at once', () => {
    const [red, car] = listSuggestions(state.doc);
    const run = (from: EditorState, command: ReturnType<typeof settle>) => {
      let next = from;
      command(from, (tr) => {
        next = from.apply(tr);
      });
      return next;
    };
    expect(run(state, settle(red!, true)).doc.textContent).toBe('A red old car.');
    expect(listSuggestions(run(state, settle(red!, true)).doc).map((s) => s.id)).toEqual([benId]);
    expect(run(state, settle(red!, false)).doc.textContent).toBe('A old car.');
    expect(run(state, settle(car!, true)).doc.textContent).toBe('A red old .');
    expect(run(state, settle(car!, false)).doc.textContent).toBe('A red old car.');
    expect(run(state, settleAll(true)).doc.textContent).toBe('A red old .');
    expect(run(state, settleAll(false)).doc.textContent).toBe('A old car.');
    expect(listSuggestions(run(state, settleAll(true)).doc)).toEqual([]);
  });
});
