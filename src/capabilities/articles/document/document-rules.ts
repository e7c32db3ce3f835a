/**
 * Which node may sit inside which, and what each is called in a message to a person. The admin editor's Tiptap
 * schema must use the same content rules, or the editor could save bodies this refuses.
 */
import type { NodeType } from './document.js';

export type Container =
  | 'doc'
  | 'paragraph'
  | 'heading'
  | 'blockquote'
  | 'pullQuote'
  | 'bulletList'
  | 'orderedList'
  | 'listItem';

const INLINE: readonly NodeType[] = ['text', 'hardBreak'];
const LIST_ITEM_BLOCKS: readonly NodeType[] = ['paragraph', 'bulletList', 'orderedList', 'blockquote'];
const QUOTE_BLOCKS: readonly NodeType[] = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList'];
const TOP_BLOCKS: readonly NodeType[] = [...QUOTE_BLOCKS, 'pullQuote', 'horizontalRule', 'image', 'embed'];

/** What may sit directly inside each container; mirrors the content expressions of the admin editor's schema. */
export const ALLOWED: Record<Container, readonly NodeType[]> = {
  doc: TOP_BLOCKS,
  paragraph: INLINE,
  heading: INLINE,
  blockquote: QUOTE_BLOCKS,
  pullQuote: ['paragraph'],
  bulletList: ['listItem'],
  orderedList: ['listItem'],
  listItem: LIST_ITEM_BLOCKS,
};

export const NAMES: Record<NodeType | 'doc', string> = {
  doc: 'the article body',
  paragraph: 'a paragraph',
  heading: 'a heading',
  blockquote: 'a quotation',
  pullQuote: 'a pull quote',
  bulletList: 'a bullet list',
  orderedList: 'a numbered list',
  listItem: 'a list item',
  hardBreak: 'a line break',
  horizontalRule: 'a horizontal rule',
  image: 'an image',
  embed: 'an embed',
  text: 'text',
};
export const KNOWN_TYPES = new Set(Object.keys(NAMES).filter((t) => t !== 'doc'));

/** Why `type` may not sit inside `parent`, in words, with what may. */
export function placement(type: NodeType, parent: Container): string {
  if (type === 'text' || type === 'hardBreak') {
    return `${capital(NAMES[type])} cannot sit directly in ${NAMES[parent]}; put it inside a paragraph.`;
  }
  if (type === 'listItem') return 'A list item can only sit inside a bullet list or a numbered list.';
  if (parent === 'paragraph' || parent === 'heading') {
    return `${capital(NAMES[type])} cannot sit inside ${NAMES[parent]}, which holds only text and line breaks.`;
  }
  const allowed = ALLOWED[parent].map((t) => NAMES[t]).join(', ');
  return `${capital(NAMES[type])} cannot sit inside ${NAMES[parent]}. Allowed there: ${allowed}.`;
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
