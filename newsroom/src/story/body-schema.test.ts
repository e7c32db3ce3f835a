import { getSchema } from '@tiptap/core';
import { Fragment, type Node, type NodeType, type Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED,
  type Container,
  KNOWN_TYPES,
} from '../../../src/capabilities/articles/document/document-rules.js';
import { bodyExtensions } from './body-schema';

/**
 * The editor's schema and the server's document rules must agree, both ways: a rule wider here lets a reporter
 * make a body the server refuses on save; a rule narrower here makes an article the API or an import wrote open
 * with parts dropped. Checked node by node against ALLOWED, and mark by mark.
 */
// Formatting, and the suggestion marks (ADR 0036); the server refuses `modification` in a body, but the
// suggest-changes package needs the mark in the schema.
const SERVER_MARKS = ['bold', 'italic', 'link', 'insertion', 'deletion', 'modification'];

/** The smallest node of the type its own content rule accepts. */
function sample(schema: Schema, type: NodeType): Node {
  if (type.isText) return schema.text('x');
  const node = type.createAndFill();
  if (!node) throw new Error(`cannot make a sample ${type.name}`);
  return node;
}

/** Whether `child` may sit inside `parent`: first, or after the node the parent's rule must open with. */
function mayHold(schema: Schema, parent: NodeType, child: NodeType): boolean {
  const node = sample(schema, child);
  if (parent.validContent(Fragment.from(node))) return true;
  const opener = parent.contentMatch.defaultType;
  return opener ? parent.validContent(Fragment.from([sample(schema, opener), node])) : false;
}

describe("the body editor's schema", () => {
  const schema = getSchema(bodyExtensions);

  it('has exactly the nodes and marks the server keeps', () => {
    const editorNodes = Object.keys(schema.nodes).filter((name) => name !== 'doc');
    expect(editorNodes.sort()).toEqual([...KNOWN_TYPES].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...SERVER_MARKS].sort());
  });

  it('lets suggestions sit on text and line breaks only, never as node marks of a container', () => {
    // ADR 0036: the shared Yjs document does not carry node marks (y-tiptap).
    for (const name of ['doc', 'blockquote', 'bulletList', 'orderedList', 'listItem', 'pullQuote']) {
      for (const mark of ['insertion', 'deletion']) {
        expect(schema.nodes[name]?.allowsMarkType(schema.marks[mark]!), `${mark} in ${name}`).toBe(false);
      }
    }
    for (const name of ['paragraph', 'heading']) {
      for (const mark of Object.values(schema.marks))
        expect(schema.nodes[name]?.allowsMarkType(mark)).toBe(true);
    }
  });

  it('lets each container hold exactly what the server allows in it', () => {
    for (const [container, allowed] of Object.entries(ALLOWED) as [Container, readonly string[]][]) {
      const parent = schema.nodes[container];
      if (!parent) throw new Error(`the editor has no ${container}`);
      for (const name of KNOWN_TYPES) {
        const child = schema.nodes[name];
        if (!child) throw new Error(`the editor has no ${name}`);
        expect(mayHold(schema, parent, child), `${name} inside ${container}`).toBe(allowed.includes(name));
      }
    }
  });
});
