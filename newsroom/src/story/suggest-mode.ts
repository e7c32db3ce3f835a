import {
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
} from '@handlewithcare/prosemirror-suggest-changes';
import { type Editor, Extension } from '@tiptap/core';
import { Fragment, type Mark, type Node, Slice } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** Turns this person's transaction into suggestions (suggesting.ts, loaded when suggest mode is first used). */
export type Suggester = (tr: Transaction, state: EditorState) => Transaction;

/** What a suggestion mark does, as the body and the list say it. */
export type SuggestionKind = 'insertion' | 'deletion' | 'modification';

export interface SuggestModeStorage {
  /** Set while this person suggests; null before suggesting.ts has loaded. */
  suggester: Suggester | null;
  /** "Inserted by Ana Ruiz, 6 Dec 2026, 10:41 EST", from the colleagues list; null until it is known. */
  describe: (id: string, kind: SuggestionKind) => string | null;
  /** The last edit could not be a suggestion (whole blocks), so it was not made. */
  refused: boolean;
}

declare module '@tiptap/core' {
  interface Storage {
    suggestMode: SuggestModeStorage;
  }
}

const KINDS: readonly string[] = ['insertion', 'deletion', 'modification'];

/** The suggestion marks among `marks`. */
export function suggestionMarks(marks: readonly Mark[]): Mark[] {
  return marks.filter((mark) => KINDS.includes(mark.type.name));
}

/** The suggestion the caret (or the selection's start) is in: its own text, else a block marked whole. */
export function suggestionAt(state: EditorState): { id: string; kind: SuggestionKind } | null {
  const $from = state.selection.$from;
  const marks = [
    ...($from.nodeAfter?.marks ?? []),
    ...($from.nodeBefore?.marks ?? []),
    ...Array.from({ length: $from.depth }, (_, d) => $from.node(d + 1).marks).flat(),
  ];
  const mark = suggestionMarks(marks)[0];
  return mark ? { id: String(mark.attrs.id), kind: mark.type.name as SuggestionKind } : null;
}

const titlesKey = new PluginKey<DecorationSet>('suggestionTitles');

/** Asks the body to name the suggestions' authors again (the colleagues list or the time zone arrived). */
export function renameSuggestions(tr: Transaction): Transaction {
  return tr.setMeta(titlesKey, true);
}

/**
 * Each suggestion's author and time as a tooltip (`title`) on its text: the mouse's way to know who
 * suggested it. The keyboard's way is the caret: the line under the body names the suggestion the caret
 * is in (SuggestionAtCaret), and the Suggestions list names them all.
 */
function suggestionTitles(storage: SuggestModeStorage): Plugin<DecorationSet> {
  const titles = (doc: Node) => {
    const decorations: Decoration[] = [];
    doc.descendants((node, pos) => {
      for (const mark of suggestionMarks(node.marks)) {
        const title = storage.describe(String(mark.attrs.id), mark.type.name as SuggestionKind);
        if (!title) continue;
        decorations.push(
          node.isInline
            ? Decoration.inline(pos, pos + node.nodeSize, { title })
            : Decoration.node(pos, pos + node.nodeSize, { title }),
        );
      }
      return true;
    });
    return DecorationSet.create(doc, decorations);
  };
  return new Plugin<DecorationSet>({
    key: titlesKey,
    state: {
      init: (_, state) => titles(state.doc),
      apply: (tr, value) => (tr.docChanged || tr.getMeta(titlesKey) ? titles(tr.doc) : value),
    },
    props: {
      decorations: (state) => titlesKey.getState(state),
    },
  });
}

/**
 * Pasted content without its suggestion marks: a paste is new text by whoever pastes it (suggest mode then
 * marks it as theirs), never a copy of a colleague's suggestion under the colleague's name.
 */
export function withoutSuggestions(slice: Slice): Slice {
  const clean = (fragment: Fragment): Fragment => {
    const nodes: Node[] = [];
    fragment.forEach((node) => {
      const marks = node.marks.filter((mark) => !KINDS.includes(mark.type.name));
      nodes.push(node.isText ? node.mark(marks) : node.type.create(node.attrs, clean(node.content), marks));
    });
    return Fragment.from(nodes);
  };
  return new Slice(clean(slice.content), slice.openStart, slice.openEnd);
}

/** The note under the toolbar while suggesting; the body names it in `aria-describedby`. */
export const SUGGESTING_NOTE = 'suggesting-note';

/** Whether this person is suggesting in this editor. */
export const isSuggesting = (state: EditorState) => isSuggestChangesEnabled(state);

/**
 * Turns suggest mode on or off for this person. On loads the working part first (suggesting.ts, not in
 * the first load), so no keystroke is taken as a plain edit while the screen says "Suggesting". The
 * switch is the package's own meta (its enable and disable commands, without bringing their module here).
 */
export async function setSuggesting(editor: Editor, staffId: string, on: boolean): Promise<void> {
  const storage = editor.storage.suggestMode;
  if (on && !storage.suggester) {
    const { suggester } = await import('./suggesting');
    storage.suggester = suggester(staffId, (refused) => {
      storage.refused = refused;
    });
  }
  storage.refused = false;
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(suggestChangesKey, { skip: true, enabled: on }));
}

/**
 * The body says it is in suggest mode: a class for its look, and the note for screen readers. Pastes lose
 * their suggestion marks (`withoutSuggestions`).
 */
const suggestingLook = () =>
  new Plugin({
    props: {
      transformPasted: withoutSuggestions,
      attributes: (state): Record<string, string> =>
        isSuggestChangesEnabled(state) ? { class: 'suggesting', 'aria-describedby': SUGGESTING_NOTE } : {},
    },
  });

/**
 * Suggest mode (issue 17), per person: whether it is on lives in this editor's state (the package's
 * plugin), never in the shared document. While it is on, each of this person's transactions goes
 * through the suggester before it is applied (Tiptap's dispatchTransaction hook); the suggester itself
 * leaves others' (Yjs), undo/redo and set-content transactions as they are.
 */
export const SuggestMode = Extension.create<Record<string, never>, SuggestModeStorage>({
  name: 'suggestMode',
  addStorage() {
    return { suggester: null, describe: () => null, refused: false };
  },
  addProseMirrorPlugins() {
    return [suggestChanges(), suggestionTitles(this.storage), suggestingLook()];
  },
  dispatchTransaction({ transaction, next }) {
    const { suggester } = this.storage;
    const state = this.editor.state;
    next(suggester && isSuggestChangesEnabled(state) ? suggester(transaction, state) : transaction);
  },
});
