/**
 * Suggestions in a body (ADR 0036): what is open, and the body with some or all of them accepted or
 * rejected. Reading is a plain walk of the JSON; accepting and rejecting are the suggest-changes package's
 * own commands on a ProseMirror copy (`editor/`), so the server resolves a suggestion exactly
 * as the editor does. That module, and ProseMirror with it, loads on first use: most processes never need it.
 */
import type { ArticleDocument, SuggestionMark } from './document.js';
import { checkDocument } from './document-schema.js';

export interface OpenSuggestion {
  id: string;
  kind: SuggestionMark['type'];
  /** The staff member who made it, and when (ISO), read from the id. */
  staffId: string;
  at: string;
  /** The text it would insert or delete (a suggested paragraph break shows as a newline). */
  text: string;
}

/** Every open suggestion, in document order; an id that both deletes and inserts (a replacement) is two. */
export function listSuggestions(document: ArticleDocument): OpenSuggestion[] {
  const found = new Map<string, OpenSuggestion>();
  visit(document, (mark, text) => {
    const key = `${mark.attrs.id} ${mark.type}`;
    const seen = found.get(key);
    if (seen) seen.text += text;
    else found.set(key, { id: mark.attrs.id, kind: mark.type, ...author(mark.attrs.id), text });
  });
  return [...found.values()].map((s) => ({ ...s, text: s.text.replaceAll(ZERO_WIDTH_SPACE, '') }));
}

export function hasSuggestions(document: ArticleDocument): boolean {
  let any = false;
  visit(document, () => {
    any = true;
  });
  return any;
}

export type SuggestionVerdict = 'accept' | 'reject';

/**
 * The body with the suggestions `ids` (all when omitted) accepted or rejected. The result passes the
 * document check; ids not in the body are ignored (the caller says which are unknown, `listSuggestions`).
 */
export async function resolveSuggestions(
  document: ArticleDocument,
  verdict: SuggestionVerdict,
  ids?: readonly string[],
): Promise<ArticleDocument> {
  if (!hasSuggestions(document)) return document;
  const { resolveInEditor } = await import('./editor/index.js');
  const checked = checkDocument(resolveInEditor(document, verdict, ids));
  // The commands only remove marks and text, so a refusal here is a bug, never the caller's input.
  if (!checked.ok)
    throw new Error(`Resolving suggestions made an invalid body: ${checked.path} ${checked.message}`);
  return checked.document;
}

/** What readers may see: the body as if every open suggestion were rejected. */
export function readersDocument(document: ArticleDocument): Promise<ArticleDocument> {
  return resolveSuggestions(document, 'reject');
}

// The package marks a suggested paragraph break or join with a zero-width space carrying the suggestion.
const ZERO_WIDTH_SPACE = '\u200B';

function author(id: string): { staffId: string; at: string } {
  const [staffId = '', ms = '0'] = id.split('.');
  return { staffId, at: new Date(Number(ms)).toISOString() };
}

type Walkable = { type: string; text?: string; marks?: { type: string }[]; content?: Walkable[] };

function visit(document: ArticleDocument, found: (mark: SuggestionMark, text: string) => void): void {
  const walk = (node: Walkable) => {
    for (const mark of node.marks ?? []) {
      if (mark.type === 'insertion' || mark.type === 'deletion') {
        found(mark as SuggestionMark, node.type === 'hardBreak' ? '\n' : (node.text ?? ''));
      }
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(document as Walkable);
}
