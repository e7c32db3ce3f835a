/**
 * Accepting and rejecting suggestions with the suggest-changes package's commands, on a ProseMirror copy of
 * the body in the editor's schema: the same code the newsroom editor runs, so both sides agree on what a
 * resolved suggestion leaves behind (a rejected paragraph break joins the paragraphs again, and so on).
 */
import {
  applySuggestion,
  applySuggestions,
  revertSuggestion,
  revertSuggestions,
} from '@handlewithcare/prosemirror-suggest-changes';
import { Node } from 'prosemirror-model';
import { type Command, EditorState } from 'prosemirror-state';
import type { ArticleDocument } from '../document.js';
import type { SuggestionVerdict } from '../document-suggestions.js';
import { editorSchema } from './editor-schema.js';

export function resolveInEditor(
  document: ArticleDocument,
  verdict: SuggestionVerdict,
  ids?: readonly string[],
): unknown {
  let state = EditorState.create({ schema: editorSchema, doc: Node.fromJSON(editorSchema, document) });
  const commands: Command[] = ids
    ? ids.map((id) => (verdict === 'accept' ? applySuggestion(id) : revertSuggestion(id)))
    : [verdict === 'accept' ? applySuggestions : revertSuggestions];
  for (const command of commands) {
    command(state, (tr) => {
      state = state.apply(tr);
    });
  }
  return state.doc.toJSON();
}
