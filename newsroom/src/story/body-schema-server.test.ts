import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { editorSchema } from '../../../src/capabilities/articles/document/editor/editor-schema.js';
import { bodyExtensions } from './body-schema';

/**
 * The server writes article bodies into the shared Yjs document with its own copy of this editor's schema
 * (ADR 0031). If a node, content rule, attribute default or mark differs, the editor and the server would
 * read the same shared document differently; this compares the two, part by part.
 */
function outline(schema: Schema) {
  const defaults = (attrs: unknown) =>
    Object.fromEntries(
      Object.entries((attrs ?? {}) as Record<string, { default?: unknown }>).map(([k, v]) => [k, v.default]),
    );
  return {
    top: schema.topNodeType.name,
    nodes: Object.entries(schema.nodes).map(([name, type]) => {
      const spec = type.spec;
      return {
        name,
        content: spec.content ?? '',
        group: spec.group ?? '',
        inline: spec.inline ?? false,
        atom: spec.atom ?? false,
        attrs: defaults(spec.attrs),
      };
    }),
    marks: Object.entries(schema.marks).map(([name, type]) => ({
      name,
      inclusive: type.spec.inclusive ?? true,
      excludes: type.spec.excludes ?? name,
      attrs: defaults(type.spec.attrs),
    })),
  };
}

describe("the server's copy of the body editor's schema", () => {
  it('has the same nodes, content rules, attribute defaults and marks, in the same order', () => {
    expect(outline(editorSchema)).toEqual(outline(getSchema(bodyExtensions)));
  });
});
