// The body in the newsroom editor's ProseMirror schema. Its own entry so that ProseMirror loads only where
// it is used (co-editing, resolving suggestions), not in every process that reads articles.
export { editorSchema } from './editor-schema.js';
export { resolveInEditor } from './suggestion-commands.js';
