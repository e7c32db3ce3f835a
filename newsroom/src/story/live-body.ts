import { Extension } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  yCursorPlugin,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/**
 * Other people's carets and selections in the body, on y-tiptap's `yCursorPlugin` (the same copy of
 * y-tiptap the Collaboration extension uses, so both see one sync plugin). Not
 * @tiptap/extension-collaboration-caret: it is published only up to 3.31 and would pull every @tiptap
 * package down with it. The caret and its name tag are `aria-hidden`: a screen reader reading the body
 * would otherwise read names in the middle of sentences, and announce every move; the presence list
 * beside the body names who is here.
 */
const LiveCarets = Extension.create<{ awareness: Awareness | null }>({
  name: 'liveCarets',
  addOptions() {
    return { awareness: null };
  },
  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (!awareness) return [];
    return [
      yCursorPlugin(awareness, {
        cursorBuilder: (user) => {
          const caret = document.createElement('span');
          caret.className = 'live-caret';
          caret.setAttribute('aria-hidden', 'true');
          caret.style.borderColor = user.color;
          const tag = document.createElement('span');
          tag.className = 'live-caret-name';
          tag.style.backgroundColor = user.color;
          tag.textContent = user.name;
          caret.append(tag);
          return caret;
        },
        // A light tint of their colour: the text under it keeps its contrast.
        selectionBuilder: (user) => ({ style: `background-color: ${user.color}2e`, class: 'live-selection' }),
      }),
    ];
  },
});

/**
 * The body's live extensions: Collaboration binds the editor to the document's `body` fragment (the
 * server's field, ADR 0031) and brings Yjs's own undo and redo, which undo only this person's typing.
 */
export function liveBodyExtensions(doc: Y.Doc, awareness: Awareness | null) {
  return [Collaboration.configure({ document: doc, field: 'body' }), LiveCarets.configure({ awareness })];
}

/** base64 of bytes, and back (the Admin API carries relative positions as base64, ADR 0034). */
const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * A comment's ends as Yjs relative positions in the body's fragment: they point at items of the shared
 * document, so they follow the passage as anyone types around it (y-tiptap's own mapping, from the body's
 * sync plugin). Null when the body is not bound yet.
 */
export const liveAnchors = {
  relative(state: EditorState, pos: number): string | null {
    const binding = ySyncPluginKey.getState(state)?.binding;
    if (!binding) return null;
    return toBase64(
      Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping)),
    );
  },
  absolute(state: EditorState, encoded: string): number | null {
    const binding = ySyncPluginKey.getState(state)?.binding;
    if (!binding) return null;
    try {
      const relative = Y.decodeRelativePosition(fromBase64(encoded));
      return relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
    } catch {
      return null;
    }
  },
};

export type LiveAnchors = typeof liveAnchors;
