import * as Y from 'yjs';
import {
  type Anchor,
  COMMENT_FIELDS,
  CONTEXT_MAX,
  type CommentField,
  POSITION_MAX,
  QUOTE_MAX,
} from './comment.js';

/** An anchor as a client sends it; `checkAnchor` says what is wrong with it, naming the field. */
export interface AnchorInput {
  field?: string | undefined;
  start?: string | null | undefined;
  end?: string | null | undefined;
  quote: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export type AnchorCheck = { ok: true; value: Anchor } | { ok: false; field: string; message: string };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The anchor of a new thread. The relative positions are checked by decoding them with Yjs and encoding
 * them again to the same bytes, so nothing but a position made by `Y.encodeRelativePosition` is stored;
 * the server cannot check that they point into the article's document (it may not be loaded, and the
 * quote is the fallback), only that a client can decode them. Both or neither: a passage has two ends.
 */
export function checkAnchor(input: AnchorInput): AnchorCheck {
  const field = (input.field ?? 'body') as CommentField;
  if (!COMMENT_FIELDS.includes(field)) {
    return { ok: false, field: 'anchor.field', message: `A passage is in the ${COMMENT_FIELDS.join(', ')}.` };
  }
  const start = input.start ?? null;
  const end = input.end ?? null;
  if ((start === null) !== (end === null)) {
    return {
      ok: false,
      field: start === null ? 'anchor.start' : 'anchor.end',
      message: 'A passage needs both its start and its end position, or neither.',
    };
  }
  for (const [name, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (value !== null && !isRelativePosition(value)) {
      return {
        ok: false,
        field: `anchor.${name}`,
        message: `The ${name} of the passage is not a Yjs relative position (Y.encodeRelativePosition, in base64).`,
      };
    }
  }
  if (input.quote.trim() === '') {
    return {
      ok: false,
      field: 'anchor.quote',
      message: 'A comment needs the passage it is about (the quote).',
    };
  }
  if (input.quote.length > QUOTE_MAX) {
    return {
      ok: false,
      field: 'anchor.quote',
      message: `A quoted passage can be at most ${QUOTE_MAX} characters; comment on a shorter part of it.`,
    };
  }
  const prefix = input.prefix ?? '';
  const suffix = input.suffix ?? '';
  for (const [name, value] of [
    ['prefix', prefix],
    ['suffix', suffix],
  ] as const) {
    if (value.length > CONTEXT_MAX) {
      return {
        ok: false,
        field: `anchor.${name}`,
        message: `The text around the passage (${name}) can be at most ${CONTEXT_MAX} characters.`,
      };
    }
  }
  return { ok: true, value: { field, start, end, quote: input.quote, prefix, suffix } };
}

function isRelativePosition(text: string): boolean {
  if (text.length === 0 || text.length > POSITION_MAX || !BASE64.test(text)) return false;
  const bytes = Buffer.from(text, 'base64');
  try {
    const position = Y.decodeRelativePosition(bytes);
    return Buffer.from(Y.encodeRelativePosition(position)).equals(bytes);
  } catch {
    return false;
  }
}
