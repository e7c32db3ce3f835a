/**
 * Markdown (imports, the API's `bodyMarkdown`) to an article body. CommonMark via markdown-it with raw HTML off:
 * HTML in the Markdown is kept as the literal text that was typed ("<b>" shows as "<b>"), never as markup.
 * Outside what the body supports, Markdown is carried over as text: code becomes plain paragraphs (line breaks
 * kept), headings inside list items become paragraphs, images inside lists and quotations become their alt text,
 * horizontal rules there are dropped, and lists or quotations nested past the depth limit are flattened into
 * paragraphs. Links and images with an address the body refuses (javascript:, relative paths...) keep only their
 * text. A paragraph line that is nothing but an http(s) address, at the top level, becomes an embed.
 */

import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import {
  type ArticleDocument,
  type ArticleMark,
  emptyDocument,
  type HeadingLevel,
  type HeadingNode,
  type InlineNode,
  type ListItemBlockNode,
  type ListItemNode,
  MAX_ATTRIBUTE_LENGTH,
  MAX_DOCUMENT_DEPTH,
  MAX_LIST_START,
  type ParagraphNode,
  type QuoteBlockNode,
  type TopBlockNode,
} from './document.js';
import { checkDocument, type DocumentCheck } from './document-schema.js';
import { checkImageSrc, checkLinkHref, checkWebUrl } from './document-urls.js';

/**
 * Converts Markdown to a body that passes `checkDocument`, except for the size limits, which depend on how much
 * Markdown there is: use `checkMarkdown` when the text comes from outside.
 */
export function markdownToDocument(markdown: string): ArticleDocument {
  // The commonmark preset stops reading at 20 levels of nesting and drops the rest; ours flattens past our own limit
  // instead, so markdown-it is given room. Past 200 levels, text is still dropped: no article is written so.
  const parser = new MarkdownIt('commonmark', {
    html: false,
    linkify: false,
    typographer: false,
    maxNesting: 200,
  });
  // markdown-it would leave a refused link as its Markdown source, "[text](javascript:...)"; we want the text
  // alone, so every link is let through here and judged by our own allow-list below.
  parser.validateLink = () => true;
  const cursor: Cursor = { tokens: parser.parse(markdown, {}), index: 0 };
  const content = readBlocks(cursor, null, 'doc', 1);
  return content.length === 0 ? emptyDocument() : { type: 'doc', content };
}

/** `markdownToDocument` followed by `checkDocument`: refuses Markdown whose body would be over the size limits. */
export function checkMarkdown(markdown: string): DocumentCheck {
  return checkDocument(markdownToDocument(markdown));
}

type Place = 'doc' | 'blockquote' | 'listItem';
interface Cursor {
  tokens: Token[];
  index: number;
}

/** Reads blocks up to `close` (or the end); `depth` is where they will sit in the document. */
function readBlocks(cursor: Cursor, close: string | null, place: Place, depth: number): TopBlockNode[] {
  const out: TopBlockNode[] = [];
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index++]!;
    if (token.type === close) break;
    switch (token.type) {
      case 'paragraph_open':
      case 'heading_open': {
        const inline = cursor.tokens[cursor.index]?.children ?? [];
        cursor.index += 2; // the inline token and the closing token
        const paragraph = token.type === 'paragraph_open';
        const blocks = readInline(inline, place, paragraph && place === 'doc');
        if (paragraph || place === 'listItem') out.push(...blocks);
        else out.push(...blocks.map((b) => (b.type === 'paragraph' ? headingOf(token, b) : b)));
        break;
      }
      case 'blockquote_open': {
        const inner = quoteBlocks(readBlocks(cursor, 'blockquote_close', 'blockquote', depth + 1));
        // A quotation needs room for itself and its text: depth + 2.
        if (depth + 2 > MAX_DOCUMENT_DEPTH) out.push(...inner.flatMap(flatten));
        else if (inner.length > 0) out.push({ type: 'blockquote', content: inner });
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const bullet = token.type === 'bullet_list_open';
        const items = readItems(cursor, bullet ? 'bullet_list_close' : 'ordered_list_close', depth);
        // A list needs room for its items, their paragraphs and the text: depth + 3.
        if (depth + 3 > MAX_DOCUMENT_DEPTH) out.push(...items.flatMap(flatten));
        else if (bullet) out.push({ type: 'bulletList', content: items });
        else out.push({ type: 'orderedList', attrs: { start: startOf(token) }, content: items });
        break;
      }
      case 'hr':
        if (place === 'doc') out.push({ type: 'horizontalRule' });
        break;
      case 'code_block':
      case 'fence':
      case 'html_block':
        out.push(...codeParagraph(token.content));
        break;
    }
  }
  return out;
}

function readItems(cursor: Cursor, close: string, depth: number): ListItemNode[] {
  const items: ListItemNode[] = [];
  while (cursor.index < cursor.tokens.length) {
    const token = cursor.tokens[cursor.index++]!;
    if (token.type === close) break;
    if (token.type !== 'list_item_open') continue;
    const content = itemBlocks(readBlocks(cursor, 'list_item_close', 'listItem', depth + 2));
    // Tiptap's list item starts with a paragraph; "- " alone or "-" followed by a nested list has none.
    if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph' });
    items.push({ type: 'listItem', content });
  }
  return items;
}

function quoteBlocks(blocks: TopBlockNode[]): QuoteBlockNode[] {
  return blocks.flatMap((block): QuoteBlockNode[] => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'blockquote':
      case 'bulletList':
      case 'orderedList':
        return [block];
      default:
        return []; // media and rules are not produced inside a quotation (see readBlocks / readInline)
    }
  });
}

function itemBlocks(blocks: TopBlockNode[]): ListItemBlockNode[] {
  return blocks.flatMap((block): ListItemBlockNode[] => {
    switch (block.type) {
      case 'paragraph':
      case 'blockquote':
      case 'bulletList':
      case 'orderedList':
        return [block];
      case 'heading':
        return block.content ? [{ type: 'paragraph', content: block.content }] : [];
      default:
        return [];
    }
  });
}

/** Every paragraph and heading inside `node`, as paragraphs, in reading order. */
function flatten(node: TopBlockNode | ListItemNode): ParagraphNode[] {
  switch (node.type) {
    case 'paragraph':
      return [node];
    case 'heading':
      return node.content ? [{ type: 'paragraph', content: node.content }] : [];
    case 'blockquote':
    case 'pullQuote':
    case 'bulletList':
    case 'orderedList':
    case 'listItem':
      return node.content.flatMap(flatten);
    default:
      return [];
  }
}

function headingOf(token: Token, paragraph: ParagraphNode): HeadingNode {
  // "#" is the headline's level; in the body it becomes the top subhead. Levels past 4 are kept at 4.
  const number = Number(token.tag.slice(1));
  const level: HeadingLevel = number <= 2 ? 2 : number === 3 ? 3 : 4;
  // Keys in the order checkDocument writes them, so a stored body's JSON does not change on its first re-save.
  return paragraph.content
    ? { type: 'heading', attrs: { level }, content: paragraph.content }
    : { type: 'heading', attrs: { level } };
}

function startOf(token: Token): number {
  const start = Number(token.attrGet('start') ?? 1);
  return Number.isInteger(start) && start >= 1 && start <= MAX_LIST_START ? start : 1;
}

function codeParagraph(code: string): ParagraphNode[] {
  const content: InlineNode[] = [];
  code
    .replace(/\n+$/, '')
    .split('\n')
    .forEach((line, index) => {
      if (index > 0) content.push({ type: 'hardBreak' });
      const text = clean(line);
      if (text !== '') content.push({ type: 'text', text });
    });
  const trimmed = trimInline(content);
  return trimmed.length === 0 ? [] : [{ type: 'paragraph', content: trimmed }];
}

/**
 * One paragraph's inline tokens to paragraphs, plus the images and embeds that split it at the top level. Marks
 * are a running state, as in the token stream: bold opens at strong_open and closes at strong_close.
 */
function readInline(tokens: Token[], place: Place, embeds: boolean): TopBlockNode[] {
  const out: TopBlockNode[] = [];
  let run: InlineNode[] = [];
  let bold = 0;
  let italic = 0;
  const links: (ArticleMark | null)[] = [];

  const flush = () => {
    const content = trimInline(run);
    if (content.length > 0) out.push({ type: 'paragraph', content });
    run = [];
  };
  const addText = (raw: string) => {
    const text = clean(raw);
    if (text === '') return;
    const marks: ArticleMark[] = [];
    if (bold > 0) marks.push({ type: 'bold' });
    if (italic > 0) marks.push({ type: 'italic' });
    const link = links.findLast((l) => l !== null);
    if (link) marks.push(link);
    appendText(run, text, marks);
  };

  for (const line of splitLines(tokens)) {
    if (run.length > 0) addText(' '); // a soft line break reads as a space
    const embed = embeds && bold === 0 && italic === 0 && links.length === 0 ? bareUrl(line) : null;
    if (embed) {
      flush();
      out.push({ type: 'embed', attrs: { url: embed, provider: null, caption: null } });
      continue;
    }
    for (const token of line) {
      switch (token.type) {
        case 'strong_open':
          bold += 1;
          break;
        case 'strong_close':
          bold = Math.max(0, bold - 1);
          break;
        case 'em_open':
          italic += 1;
          break;
        case 'em_close':
          italic = Math.max(0, italic - 1);
          break;
        case 'link_open': {
          const href = checkLinkHref(token.attrGet('href'));
          const title = token.attrGet('title');
          const titleText = title === null ? '' : clean(String(title));
          links.push(
            href.ok
              ? {
                  type: 'link',
                  attrs: { href: href.url, title: titleText ? limit(titleText, 'title') : null },
                }
              : null,
          );
          break;
        }
        case 'link_close':
          links.pop();
          break;
        case 'hardbreak':
          run.push({ type: 'hardBreak' });
          break;
        case 'image': {
          const alt = clean(altText(token));
          const src = checkImageSrc(token.attrGet('src'));
          if (place !== 'doc' || !src.ok) {
            addText(alt);
            break;
          }
          flush();
          const caption = clean(String(token.attrGet('title') ?? ''));
          out.push({
            type: 'image',
            attrs: {
              mediaId: null,
              src: src.url,
              alt: limit(alt, 'alt'),
              caption: limit(caption, 'caption'),
              credit: '',
            },
          });
          break;
        }
        default:
          // text, text_special, code_inline and (with html off, never) html_inline: their content is the text.
          addText(token.content);
      }
    }
  }
  flush();
  return out;
}

/** Splits inline tokens at soft breaks: the lines of the paragraph as typed. */
function splitLines(tokens: Token[]): Token[][] {
  const lines: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === 'softbreak') lines.push([]);
    else lines[lines.length - 1]!.push(token);
  }
  return lines;
}

/** The address when a line is nothing but one bare http(s) address. */
function bareUrl(line: Token[]): string | null {
  if (line.length === 0 || !line.every((t) => t.type === 'text' || t.type === 'text_special')) return null;
  const text = line
    .map((t) => t.content)
    .join('')
    .trim();
  if (!/^https?:\/\/\S+$/i.test(text)) return null;
  const url = checkWebUrl(text);
  return url.ok ? url.url : null;
}

function altText(token: Token): string {
  return (token.children ?? [])
    .map((child) => (child.type === 'image' ? altText(child) : child.content))
    .join('');
}

function appendText(run: InlineNode[], text: string, marks: ArticleMark[]): void {
  const last = run[run.length - 1];
  if (last?.type === 'text' && sameMarks(last.marks ?? [], marks)) {
    last.text += text;
    return;
  }
  run.push(marks.length === 0 ? { type: 'text', text } : { type: 'text', text, marks });
}

function sameMarks(a: ArticleMark[], b: ArticleMark[]): boolean {
  return a.length === b.length && a.every((mark, i) => JSON.stringify(mark) === JSON.stringify(b[i]));
}

/** Drops breaks and spaces at both ends of a paragraph, where a reader would never see them. */
function trimInline(content: InlineNode[]): InlineNode[] {
  const nodes = content.map((node) => ({ ...node }));
  while (nodes.length > 0) {
    const first = nodes[0]!;
    if (first.type === 'text' && first.text.trimStart() !== '') {
      first.text = first.text.trimStart();
      break;
    }
    nodes.shift();
  }
  while (nodes.length > 0) {
    const last = nodes[nodes.length - 1]!;
    if (last.type === 'text' && last.text.trimEnd() !== '') {
      last.text = last.text.trimEnd();
      break;
    }
    nodes.pop();
  }
  return nodes;
}

// The body refuses control characters; markdown-it passes them through from the source.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
function clean(text: string): string {
  return text.replace(CONTROL, '');
}

function limit(text: string, key: keyof typeof MAX_ATTRIBUTE_LENGTH): string {
  const max = MAX_ATTRIBUTE_LENGTH[key];
  return text.length > max ? text.slice(0, max) : text;
}
