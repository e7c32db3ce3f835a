import type { JSONContent } from '@tiptap/core';
import type { BodyDocument, BodyNode } from '../api/types';

// The server refuses control characters in text (document-schema.ts); a paste can bring them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Tiptap's JSON as the server's document schema takes it. The editor's schema (body-schema.ts) already allows
 * only the server's nodes and marks in the server's places; what remains is text the server would refuse:
 * control characters, and text nodes left empty once they are removed. The result stays ProseMirror JSON, the
 * form a Yjs document (y-prosemirror) is built from for live co-editing.
 */
export function toBodyDocument(json: JSONContent): BodyDocument {
  const content = (json.content ?? []).flatMap(cleanNode);
  return { type: 'doc', content: content as BodyNode[] };
}

function cleanNode(node: JSONContent): JSONContent[] {
  if (node.type === 'text') {
    const text = (node.text ?? '').replace(CONTROL, '');
    return text === '' ? [] : [{ ...node, text }];
  }
  if (!node.content) return [node];
  return [{ ...node, content: node.content.flatMap(cleanNode) }];
}

/** Words in the body, counted as the reader sees them: runs of letters or digits between spaces. */
export function countWords(json: JSONContent | BodyDocument): number {
  let words = 0;
  const walk = (node: JSONContent) => {
    if (node.type === 'text' && node.text)
      words += node.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    for (const child of node.content ?? []) walk(child);
  };
  walk(json as JSONContent);
  return words;
}

/** Minutes to read at 230 words a minute, never less than one (the server's readingMinutes). */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
