/**
 * The shared document of one article and its text (ADR 0031): pure Yjs, no database, no sockets.
 * Field names are what the newsroom's editor binds to: `headline` and `dek` are Y.Text, `body` the
 * Y.XmlFragment Tiptap's collaboration extension reads (its `field` option).
 */
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { Node } from 'prosemirror-model';
import * as Y from 'yjs';
import { editorSchema } from '../articles/document/editor/index.js';

export const LIVE_FIELDS = { headline: 'headline', dek: 'dek', body: 'body' } as const;

/** The co-edited fields, as an article holds them (the body as ProseMirror JSON). */
export interface LiveText {
  headline: string;
  dek: string;
  body: unknown;
}

/** What the document says now; the body unchecked (the server's document schema checks it before any save). */
export function readLiveText(doc: Y.Doc): LiveText {
  return {
    headline: doc.getText(LIVE_FIELDS.headline).toString(),
    dek: doc.getText(LIVE_FIELDS.dek).toString(),
    body: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(LIVE_FIELDS.body)),
  };
}

/**
 * Makes the document say `text`, changing only what differs: a changed word in one paragraph is that
 * word's deletion and insertion, so a concurrent edit elsewhere (even in the same paragraph) survives.
 */
export function writeLiveText(doc: Y.Doc, text: LiveText, origin: unknown): void {
  const body = Node.fromJSON(editorSchema, text.body);
  doc.transact(() => {
    replaceText(doc.getText(LIVE_FIELDS.headline), text.headline);
    replaceText(doc.getText(LIVE_FIELDS.dek), text.dek);
    updateYFragment(doc, doc.getXmlFragment(LIVE_FIELDS.body), body, {
      mapping: new Map(),
      isOMark: new Map(),
    });
  }, origin);
}

/**
 * Prepares the merge of a change made outside the live document (an Admin API write). The change is what
 * turns `baseState` (the document when it last matched the revision the write was based on) into
 * `text`; it is made on a copy of that base by a peer of its own, so applied to the live document it
 * joins as any editor's concurrent edit would, and neither side's words are lost. Returns that update and
 * the new base: the copy, which now matches the written revision exactly. Nothing is applied yet, so the
 * caller can first claim the merge (several processes must not each make it).
 */
export function prepareMerge(
  baseState: Uint8Array,
  text: LiveText,
  origin: unknown,
): { update: Uint8Array; base: Uint8Array } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, baseState);
  const before = Y.encodeStateVector(copy);
  writeLiveText(copy, text, origin);
  const update = Y.encodeStateAsUpdate(copy, before);
  const base = Y.encodeStateAsUpdate(copy);
  copy.destroy();
  return { update, base };
}

/** The smallest single replacement that turns the Y.Text's string into `value` (common ends kept). */
function replaceText(target: Y.Text, value: string): void {
  const current = target.toString();
  if (current === value) return;
  let start = 0;
  while (start < current.length && start < value.length && current[start] === value[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < value.length - start &&
    current[current.length - 1 - end] === value[value.length - 1 - end]
  )
    end++;
  // Never split a surrogate pair (an emoji): both strings index UTF-16 code units.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  target.delete(start, current.length - start - end);
  target.insert(start, value.slice(start, value.length - end));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
