import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** An open thread's passage in the body, in document positions. */
export interface Passage {
  threadId: string;
  from: number;
  to: number;
}

interface HighlightState {
  passages: Passage[];
  active: string | null;
}

const key = new PluginKey<HighlightState>('commentHighlights');

/** Tells the body where the open threads' passages are now, and which thread is chosen. */
export function setPassages(tr: Transaction, passages: Passage[], active: string | null): Transaction {
  return tr.setMeta(key, { passages, active } satisfies HighlightState);
}

/**
 * Comments' passages as decorations (ADR 0034: never marks: comments must not enter the document, so the
 * live text, revisions and the published page cannot carry them). Between the screen's placements the
 * passages are mapped through each change, so a highlight follows typing at once. A click in one calls
 * `onPick` with its thread.
 */
export const CommentHighlights = Extension.create<{ onPick: { current: (threadId: string) => void } }>({
  name: 'commentHighlights',
  addOptions() {
    return { onPick: { current: () => {} } };
  },
  addProseMirrorPlugins() {
    const { onPick } = this.options;
    return [
      new Plugin<HighlightState>({
        key,
        state: {
          init: () => ({ passages: [], active: null }),
          apply(tr, value) {
            const set = tr.getMeta(key) as HighlightState | undefined;
            if (set) return set;
            if (!tr.docChanged) return value;
            const passages = value.passages
              .map((p) => ({ ...p, from: tr.mapping.map(p.from, 1), to: tr.mapping.map(p.to, -1) }))
              .filter((p) => p.to > p.from);
            return { ...value, passages };
          },
        },
        props: {
          decorations(state) {
            const { passages, active } = key.getState(state) ?? { passages: [], active: null };
            const size = state.doc.content.size;
            return DecorationSet.create(
              state.doc,
              passages
                .filter((p) => p.from >= 0 && p.to <= size && p.to > p.from)
                .map((p) =>
                  Decoration.inline(p.from, p.to, {
                    class:
                      p.threadId === active ? 'comment-passage comment-passage-active' : 'comment-passage',
                    'data-thread-id': p.threadId,
                  }),
                ),
            );
          },
          handleClick(view, pos) {
            const passages = key.getState(view.state)?.passages ?? [];
            const hit = passages.find((p) => pos >= p.from && pos <= p.to);
            if (hit) onPick.current(hit.threadId);
            return false;
          },
        },
      }),
    ];
  },
});
