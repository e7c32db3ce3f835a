import type { Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import type { CommentThread } from '../api/types';
import { findQuote } from './comment-anchor';
import { type Passage, setPassages } from './comment-highlights';
import type { LiveAnchors } from './live-body';

/** How long typing may pause before the passages are placed again from their anchors. */
const PLACE_MS = 150;

type Range = { from: number; to: number };

/**
 * Where each open thread's passage is in the body now: from its Yjs relative positions when live (they
 * follow the text through everyone's typing), else, or when they no longer hold a passage, by its quote
 * with prefix and suffix. Placed again whenever the document changes (between placements the highlights
 * are mapped through each change); the body shows them as decorations. A thread missing from the map has
 * lost its passage.
 */
export function usePassages(
  editor: Editor | null,
  anchors: LiveAnchors | null,
  threads: CommentThread[],
  active: string | null,
): Map<string, Range> {
  const [placed, setPlaced] = useState<Map<string, Range>>(new Map());
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const place = () => {
      if (editor.isDestroyed) return;
      const state = editor.state;
      const found = new Map<string, Range>();
      for (const thread of threads) {
        const range = locate(state, thread, anchors);
        if (range) found.set(thread.id, range);
      }
      const passages: Passage[] = [...found].map(([threadId, r]) => ({ threadId, ...r }));
      editor.view.dispatch(setPassages(state.tr, passages, active).setMeta('addToHistory', false));
      setPlaced((was) => (same(was, found) ? was : found));
    };
    const later = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (!transaction.docChanged) return;
      clearTimeout(timer);
      timer = setTimeout(place, PLACE_MS);
    };
    place();
    editor.on('transaction', later);
    return () => {
      clearTimeout(timer);
      editor.off('transaction', later);
    };
  }, [editor, threads, active, anchors]);
  return placed;
}

function same(a: Map<string, Range>, b: Map<string, Range>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, range] of a) {
    const other = b.get(id);
    if (!other || other.from !== range.from || other.to !== range.to) return false;
  }
  return true;
}

function locate(state: Editor['state'], thread: CommentThread, live: LiveAnchors | null): Range | null {
  const { anchor } = thread;
  if (anchor.field !== 'body') return null;
  if (live && anchor.start && anchor.end) {
    const from = live.absolute(state, anchor.start);
    const to = live.absolute(state, anchor.end);
    if (from !== null && to !== null && to > from) return { from, to };
  }
  return findQuote(state.doc, anchor);
}
