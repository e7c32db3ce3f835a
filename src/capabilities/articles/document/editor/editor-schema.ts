import { deletion, insertion, modification } from '@handlewithcare/prosemirror-suggest-changes';
import { Schema } from 'prosemirror-model';

/**
 * The newsroom body editor's ProseMirror schema (newsroom/src/story/body-schema.ts), written out for the
 * server: the shared Yjs document holds the body as the editor's nodes, so the server turns an article's
 * body into that document, merges Admin API writes into it, and accepts or rejects suggestions in it,
 * with the same node names, content rules, attribute defaults and marks. Built with prosemirror-model
 * alone: the server needs no Tiptap and no DOM. newsroom/src/story/body-schema-server.test.ts fails when
 * the two drift apart.
 *
 * Suggestions (ADR 0036) are the suggest-changes package's `insertion` and `deletion` marks on text only:
 * no container allows them as node marks, because the shared document (y-tiptap) does not carry node
 * marks, so a suggested photo or list would reach other editors as accepted. The package needs
 * `modification` in the schema; the document check refuses it in a body.
 */
const QUOTE_BLOCKS = '(paragraph|heading|blockquote|bulletList|orderedList)';

export const editorSchema = new Schema({
  topNode: 'doc',
  nodes: {
    paragraph: { content: 'inline*', group: 'block' },
    doc: { content: 'block+' },
    text: { group: 'inline' },
    hardBreak: { group: 'inline', inline: true },
    heading: { content: 'inline*', group: 'block', attrs: { level: { default: 1 } } },
    horizontalRule: { group: 'block' },
    bulletList: { content: 'listItem+', group: 'block list' },
    orderedList: {
      content: 'listItem+',
      group: 'block list',
      attrs: { start: { default: 1 }, type: { default: null } },
    },
    blockquote: { content: `${QUOTE_BLOCKS}+`, group: 'block' },
    listItem: { content: 'paragraph (paragraph|bulletList|orderedList|blockquote)*' },
    pullQuote: { content: 'paragraph+', group: 'block', attrs: { attribution: { default: null } } },
    image: {
      group: 'block',
      atom: true,
      attrs: {
        mediaId: { default: null },
        src: { default: null },
        alt: { default: '' },
        caption: { default: '' },
        credit: { default: '' },
      },
    },
    embed: {
      group: 'block',
      atom: true,
      attrs: { url: { default: null }, provider: { default: null }, caption: { default: null } },
    },
  },
  marks: {
    bold: {},
    italic: {},
    link: { inclusive: false, attrs: { href: { default: null }, title: { default: null } } },
    insertion,
    deletion,
    modification,
  },
});
