import { Schema } from 'prosemirror-model';

/**
 * The newsroom body editor's ProseMirror schema (newsroom/src/story/body-schema.ts), written out for the
 * server: the shared Yjs document holds the body as the editor's nodes, so the server turns an article's
 * body into that document, and merges Admin API writes into it, with the same node names, content rules
 * and attribute defaults. Built with prosemirror-model alone: the server needs no Tiptap and no DOM.
 * newsroom/src/story/body-schema-server.test.ts fails when the two drift apart.
 */
const QUOTE_BLOCKS = '(paragraph|heading|blockquote|bulletList|orderedList)';

export const liveBodySchema = new Schema({
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
  },
});
