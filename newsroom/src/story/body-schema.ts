/**
 * The body editor's schema: Tiptap's starter kit narrowed to exactly what the server's document schema accepts
 * (src/capabilities/articles/document/document-rules.ts, ALLOWED), plus the server's own nodes (pull quote,
 * image, embed) so an article that has them opens and saves without losing them. If a content rule here is
 * wider than the server's, the editor could produce a body the server refuses; keep the two tables in step.
 */
import { mergeAttributes, Node } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { ListItem } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';

const QUOTE_BLOCKS = '(paragraph|heading|blockquote|bulletList|orderedList)';

const ArticleBlockquote = Blockquote.extend({ content: `${QUOTE_BLOCKS}+` });

const ArticleListItem = ListItem.extend({
  content: 'paragraph (paragraph|bulletList|orderedList|blockquote)*',
});

const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes() {
    return { attribution: { default: null } };
  },
  parseHTML() {
    return [{ tag: 'aside[data-pull-quote]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { 'data-pull-quote': '', class: 'pull-quote' }), 0];
  },
});

/** A photo in the body; shown as its caption and credit here (the reader site renders the picture). */
const BodyImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      mediaId: { default: null },
      src: { default: null },
      alt: { default: '' },
      caption: { default: '' },
      credit: { default: '' },
    };
  },
  parseHTML() {
    return [{ tag: 'figure[data-image]' }];
  },
  renderHTML({ node }) {
    const { src, alt, caption, credit } = node.attrs as Record<string, string | null>;
    const label = [caption, credit && `Photo: ${credit}`].filter(Boolean).join(' · ') || 'Photo';
    return [
      'figure',
      { 'data-image': '', class: 'body-image' },
      src
        ? ['img', { src, alt: alt ?? '' }]
        : ['span', { class: 'placeholder' }, `Photo${alt ? `: ${alt}` : ''}`],
      ['figcaption', {}, label],
    ];
  },
});

const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { url: { default: null }, provider: { default: null }, caption: { default: null } };
  },
  parseHTML() {
    return [{ tag: 'div[data-embed]' }];
  },
  renderHTML({ node }) {
    const { url, caption } = node.attrs as Record<string, string | null>;
    return [
      'div',
      { 'data-embed': '', class: 'body-embed' },
      `Embed: ${url ?? ''}${caption ? ` — ${caption}` : ''}`,
    ];
  },
});

export const bodyExtensions = [
  StarterKit.configure({
    // The server refuses these marks and nodes (document-schema.ts): code, strike-through, underline, code
    // blocks, and headings other than 2 to 4 (level 1 is the headline).
    code: false,
    codeBlock: false,
    strike: false,
    underline: false,
    heading: { levels: [2, 3, 4] },
    blockquote: false,
    listItem: false,
    // An empty paragraph kept after a final subhead would be saved into the body as an empty paragraph.
    trailingNode: false,
    link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['mailto'] },
  }),
  ArticleBlockquote,
  ArticleListItem,
  PullQuote,
  BodyImage,
  Embed,
];
