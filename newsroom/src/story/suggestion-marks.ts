import { deletion, insertion, modification } from '@handlewithcare/prosemirror-suggest-changes';
import { type Attributes, Mark } from '@tiptap/core';
import type { AttributeSpec, MarkSpec } from '@tiptap/pm/model';
import { colorOf } from './live-state';
import { parseSuggestionId } from './suggestion-id';

/**
 * The suggestion marks of issue 17 (ADR 0036), exactly the specs of @handlewithcare/prosemirror-suggest-changes
 * (inclusive, excludes, attributes and their checks: the server's copy of the schema,
 * src/capabilities/articles/document/editor/editor-schema.ts, uses the same specs; body-schema-server.test.ts
 * compares them), as Tiptap marks. Only the drawing is ours: the author's
 * colour comes from the id (who made it is its first part), and the name and time are added by the
 * suggest-mode extension's decorations (names come from the colleagues list, not from the document).
 */
function suggestionMark(name: string, spec: MarkSpec, tag: 'ins' | 'del' | 'span') {
  return Mark.create({
    name,
    inclusive: spec.inclusive ?? true,
    excludes: spec.excludes ?? name,
    addAttributes() {
      const attributes: Attributes = {};
      for (const [key, attr] of Object.entries(spec.attrs ?? {}) as [string, AttributeSpec][]) {
        attributes[key] = {
          ...('default' in attr ? { default: attr.default } : { isRequired: true }),
          validate: attr.validate,
          // Drawn by renderHTML below, read by the package's own parse rules: never an HTML attribute of
          // its own (an `id` attribute would clash with the page's ids).
          rendered: false,
          parseHTML: () => null,
        };
      }
      return attributes;
    },
    parseHTML() {
      return spec.parseDOM ?? [];
    },
    renderHTML({ mark }) {
      const id = mark.attrs.id as unknown;
      const author = parseSuggestionId(id);
      const drawn: Record<string, string> = {
        'data-id': JSON.stringify(id),
        class: `suggestion suggestion-${name}`,
      };
      if (author) drawn.style = `--author: ${colorOf(author.staffId)}`;
      if (tag === 'span') {
        drawn['data-type'] = 'modification';
        drawn['data-mod-type'] = String(mark.attrs.type);
        drawn['data-mod-prev-val'] = JSON.stringify(mark.attrs.previousValue);
        drawn['data-mod-new-val'] = JSON.stringify(mark.attrs.newValue);
      }
      return [tag, drawn, 0];
    },
  });
}

/**
 * Text only (ADR 0036): no container takes them as node marks, since the shared Yjs document does not carry
 * those. `modification` is in the schema because the package needs it; the server refuses it in a body.
 */
export const suggestionMarks = [
  suggestionMark('insertion', insertion, 'ins'),
  suggestionMark('deletion', deletion, 'del'),
  suggestionMark('modification', modification, 'span'),
];
