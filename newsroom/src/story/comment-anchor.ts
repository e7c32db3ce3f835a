import type { Node as PMNode } from '@tiptap/pm/model';
import type { CommentAnchor } from '../api/types';

/** Characters of context kept either side of a quote (the server takes up to 64; ADR 0034 says 32). */
const CONTEXT = 32;

/** The body's text with each character's document position: blocks are separated by a line break. */
interface TextIndex {
  text: string;
  /** The document position of each character of `text` (-1 for the break between blocks). */
  positions: number[];
}

function indexText(doc: PMNode): TextIndex {
  let text = '';
  const positions: number[] = [];
  let first = true;
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      if (!first) {
        text += '\n';
        positions.push(-1);
      }
      first = false;
    }
    if (node.isText && node.text) {
      text += node.text;
      for (let i = 0; i < node.text.length; i += 1) positions.push(pos + i);
    }
    return true;
  });
  return { text, positions };
}

/** The character index at or after document position `pos`. */
function indexAt(index: TextIndex, pos: number): number {
  const at = index.positions.findIndex((p) => p >= pos);
  return at < 0 ? index.text.length : at;
}

/** The W3C text-quote selector of `from`..`to`: the passage and up to 32 characters either side. */
export function quoteOf(
  doc: PMNode,
  from: number,
  to: number,
): Pick<CommentAnchor, 'quote' | 'prefix' | 'suffix'> {
  const index = indexText(doc);
  const start = indexAt(index, from);
  const end = indexAt(index, to);
  return {
    quote: index.text.slice(start, end),
    prefix: index.text.slice(Math.max(0, start - CONTEXT), start),
    suffix: index.text.slice(end, end + CONTEXT),
  };
}

/** How many characters `a` and `b` share at their ends (`fromEnd`) or starts. */
function shared(a: string, b: string, fromEnd: boolean): number {
  let n = 0;
  while (n < a.length && n < b.length) {
    const x = fromEnd ? a[a.length - 1 - n] : a[n];
    const y = fromEnd ? b[b.length - 1 - n] : b[n];
    if (x !== y) break;
    n += 1;
  }
  return n;
}

/**
 * Finds the passage by its quote (when it was not made live, or its positions no longer resolve): of every
 * place the quote occurs, the one whose surroundings best match the prefix and suffix. Null when the quote
 * is not in the text any more (the passage was removed or rewritten).
 */
export function findQuote(doc: PMNode, anchor: Pick<CommentAnchor, 'quote' | 'prefix' | 'suffix'>) {
  const index = indexText(doc);
  const { quote, prefix, suffix } = anchor;
  let best: { start: number; score: number } | null = null;
  for (let at = index.text.indexOf(quote); at >= 0; at = index.text.indexOf(quote, at + 1)) {
    const score =
      shared(index.text.slice(Math.max(0, at - prefix.length), at), prefix, true) +
      shared(index.text.slice(at + quote.length, at + quote.length + suffix.length), suffix, false);
    if (!best || score > best.score) best = { start: at, score };
  }
  if (!best) return null;
  const from = index.positions[best.start];
  const last = index.positions[best.start + quote.length - 1];
  if (from === undefined || last === undefined || from < 0 || last < 0) return null;
  return { from, to: last + 1 };
}
