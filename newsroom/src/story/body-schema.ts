/**
 * The body editor's schema: Tiptap's starter kit narrowed to exactly what the server's document schema accepts
 * (src/capabilities/articles/document/document-rules.ts, ALLOWED), plus the server's own nodes (pull quote,
 * image, embed) so an article that has them opens and saves without losing them. If a content rule here is
 * wider than the server's, the editor could produce a body the server refuses; keep the two tables in step.
 */
import { Mark, mergeAttributes, Node } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Text } from '@tiptap/extension-text';
import { Dropcursor } from '@tiptap/extensions/drop-cursor';
import { Gapcursor } from '@tiptap/extensions/gap-cursor';
import { UndoRedo } from '@tiptap/extensions/undo-redo';
import { suggestionMarks } from './suggestion-marks';

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

/**
 * Links as the server keeps them (href and an optional title). Tiptap's Link extension is not used: it brings
 * linkify (autolinking while typing), a fifth of the editor's code for a feature a desk can do without.
 */
const ArticleLink = Mark.create({
  name: 'link',
  inclusive: false,
  addAttributes() {
    return { href: { default: null }, title: { default: null } };
  },
  parseHTML() {
    return [{ tag: 'a[href]:not([href *= "javascript:" i])' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['a', mergeAttributes(HTMLAttributes, { rel: 'noopener noreferrer nofollow' }), 0];
  },
});

/**
 * Exactly the server's nodes and marks: no code, strike-through, underline or code blocks, and headings 2 to 4
 * only (level 1 is the headline). No trailing node: an empty paragraph kept after a final subhead would be
 * saved into the body.
 */
export const bodyExtensions = [
  Document,
  Paragraph,
  Text,
  HardBreak,
  Bold,
  Italic,
  ArticleLink,
  Heading.configure({ levels: [2, 3, 4] }),
  HorizontalRule,
  BulletList,
  OrderedList,
  UndoRedo,
  Dropcursor,
  Gapcursor,
  ArticleBlockquote,
  ArticleListItem,
  PullQuote,
  BodyImage,
  Embed,
  ...suggestionMarks,
];

/** For the live body: the Collaboration extension brings Yjs's undo and redo, which clash with Tiptap's. */
export const bodyExtensionsWithoutHistory = bodyExtensions.filter((extension) => extension !== UndoRedo);
