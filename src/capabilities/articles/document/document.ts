/**
 * The article body as a structured document: the Tiptap (ProseMirror) JSON the newsroom editor saves and the reader
 * site renders. Pure domain: types, limits and the empty document. `checkDocument` (document-schema.ts) is the only
 * way an outside value becomes an `ArticleDocument`.
 */

/** Largest body accepted, measured as UTF-8 JSON. A long-read is about 60 KB; this leaves room for images and embeds. */
export const MAX_DOCUMENT_BYTES = 512_000;
/** Most nodes (paragraphs, text runs, list items, breaks...) in one body. */
export const MAX_DOCUMENT_NODES = 10_000;
/** Deepest nesting: the body's own blocks are depth 1, the text in a paragraph depth 2. */
export const MAX_DOCUMENT_DEPTH = 20;

/** Longest accepted value of each text attribute, in characters. */
export const MAX_ATTRIBUTE_LENGTH = {
  url: 2048,
  mediaId: 200,
  alt: 1000,
  caption: 2000,
  credit: 500,
  attribution: 500,
  provider: 100,
  title: 500,
} as const;

/** Highest first number of a numbered list; Markdown allows nine digits. */
export const MAX_LIST_START = 999_999_999;

export interface BoldMark {
  type: 'bold';
}
export interface ItalicMark {
  type: 'italic';
}
export interface LinkMark {
  type: 'link';
  /** `href` is http(s), mailto: or a path on this site starting with "/". */
  attrs: { href: string; title: string | null };
}
/**
 * A suggestion (ADR 0036): text a colleague proposes to insert or delete, open until someone accepts or
 * rejects it. `id` is `<staff id>.<epoch ms>.<6 base36>`: who suggested it and when. Readers never see an
 * open suggestion: a live article's text is the one with every open suggestion rejected.
 */
export interface SuggestionMark {
  type: 'insertion' | 'deletion';
  attrs: { id: string };
}
export type FormattingMark = BoldMark | ItalicMark | LinkMark;
export type ArticleMark = FormattingMark | SuggestionMark;
export type MarkType = ArticleMark['type'];

export interface TextNode {
  type: 'text';
  /** Never empty. */
  text: string;
  marks?: ArticleMark[];
}
export interface HardBreakNode {
  type: 'hardBreak';
  /** Only suggestion marks: a line break suggested or suggested away. */
  marks?: SuggestionMark[];
}
export type InlineNode = TextNode | HardBreakNode;

export interface ParagraphNode {
  type: 'paragraph';
  /** Absent for an empty paragraph, as Tiptap writes it. */
  content?: InlineNode[];
}
export type HeadingLevel = 2 | 3 | 4;
export interface HeadingNode {
  type: 'heading';
  /** Level 1 is the headline, printed by the page, never part of the body. */
  attrs: { level: HeadingLevel };
  content?: InlineNode[];
}
export interface BlockquoteNode {
  type: 'blockquote';
  content: QuoteBlockNode[];
}
export interface PullQuoteNode {
  type: 'pullQuote';
  attrs: { attribution: string | null };
  content: ParagraphNode[];
}
export interface ListItemNode {
  type: 'listItem';
  /** The first child is always a paragraph (Tiptap's `paragraph block*`). */
  content: ListItemBlockNode[];
}
export interface BulletListNode {
  type: 'bulletList';
  content: ListItemNode[];
}
export interface OrderedListNode {
  type: 'orderedList';
  /** `start` is 1 unless the list continues a count. */
  attrs: { start: number };
  content: ListItemNode[];
}
export interface HorizontalRuleNode {
  type: 'horizontalRule';
}
export interface ImageNode {
  type: 'image';
  /**
   * `mediaId` points at the media library; `src` at an http(s) address or a path on this site. At least one is set.
   * `alt` describes the picture for screen readers; `caption` says what it shows; `credit` whom it belongs to.
   */
  attrs: { mediaId: string | null; src: string | null; alt: string; caption: string; credit: string };
}
export interface EmbedNode {
  type: 'embed';
  /** `url` is http(s); `provider` names the service (e.g. "youtube") when the editor knows it. */
  attrs: { url: string; provider: string | null; caption: string | null };
}

/** Blocks allowed directly in the body. */
export type TopBlockNode =
  | ParagraphNode
  | HeadingNode
  | BlockquoteNode
  | PullQuoteNode
  | BulletListNode
  | OrderedListNode
  | HorizontalRuleNode
  | ImageNode
  | EmbedNode;
/** Blocks allowed inside a blockquote: text and lists, no media. */
export type QuoteBlockNode = ParagraphNode | HeadingNode | BlockquoteNode | BulletListNode | OrderedListNode;
/** Blocks allowed inside a list item: paragraphs, nested lists and quotations. */
export type ListItemBlockNode = ParagraphNode | BulletListNode | OrderedListNode | BlockquoteNode;
export type TextBlockNode = ParagraphNode | HeadingNode;
export type ArticleNode = TopBlockNode | ListItemNode | InlineNode;
export type NodeType = ArticleNode['type'];

export interface ArticleDocument {
  type: 'doc';
  /** Never empty: an empty body is one empty paragraph. */
  content: TopBlockNode[];
}

/** The body of a new article: one empty paragraph, exactly what Tiptap starts with. */
export function emptyDocument(): ArticleDocument {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}
