/**
 * The words of a body without its structure: for search, word counts, reading time and revision diffs.
 * Everything a reader sees as text counts: paragraphs, headings, quotations, pull quotes and their attribution,
 * list items, and the captions of images and embeds. Alt text, credits and addresses are not prose.
 */
import type { ArticleDocument, ArticleNode, InlineNode } from './document.js';

/** Readers' pace used for the "N min read" line. */
export const WORDS_PER_MINUTE = 230;

/** The body's text, one block (paragraph, heading, list item, caption) per paragraph, separated by a blank line. */
export function documentToPlainText(doc: ArticleDocument): string {
  return textBlocks(doc, false).join('\n\n');
}

/**
 * The body as lines for a revision diff: each block and each hard break starts a line, and images and embeds
 * appear as bracketed notes ("[Image: alt] caption Credit: ...", "[Embed: url] caption") so adding or changing
 * one shows in the history even when it has no caption.
 */
export function documentToLines(doc: ArticleDocument): string[] {
  return textBlocks(doc, true)
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Words in the body's text, as a word processor counts them (runs between spaces that hold a letter or digit). */
export function countWords(doc: ArticleDocument): number {
  return countTextWords(documentToPlainText(doc));
}

// Chinese and Japanese are written without spaces; each character is counted as a word, the usual convention there.
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

export function countTextWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    const unspaced = token.match(UNSPACED_SCRIPT)?.length ?? 0;
    const spaced = token
      .replace(UNSPACED_SCRIPT, ' ')
      .split(' ')
      .filter((part) => WORDLIKE.test(part)).length;
    words += unspaced + spaced;
  }
  return words;
}

/** Minutes to read `words` at 230 words a minute, rounded, never less than 1. */
export function readingMinutes(words: number): number {
  if (!Number.isFinite(words) || words <= 0) return 1;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

function textBlocks(doc: ArticleDocument, notes: boolean): string[] {
  const blocks: string[] = [];
  // Stored bodies are checked, but a snapshot written before a check existed may lack `content`.
  for (const node of doc.content ?? []) collect(node, blocks, notes);
  return blocks;
}

function collect(node: ArticleNode, blocks: string[], notes: boolean): void {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      push(blocks, inlineText(node.content ?? []));
      return;
    case 'blockquote':
    case 'bulletList':
    case 'orderedList':
    case 'listItem':
      for (const child of node.content) collect(child, blocks, notes);
      return;
    case 'pullQuote':
      for (const child of node.content) collect(child, blocks, notes);
      push(blocks, node.attrs.attribution ?? '');
      return;
    case 'image': {
      const { alt, caption, credit } = node.attrs;
      const label = alt.trim() === '' ? '[Image]' : `[Image: ${alt}]`;
      push(
        blocks,
        notes ? [label, caption, credit && `Credit: ${credit}`].filter(Boolean).join(' ') : caption,
      );
      return;
    }
    case 'embed': {
      const caption = node.attrs.caption ?? '';
      push(blocks, notes ? `[Embed: ${node.attrs.url}] ${caption}` : caption);
      return;
    }
    case 'horizontalRule':
    case 'text':
    case 'hardBreak':
      return;
  }
}

function inlineText(content: readonly InlineNode[]): string {
  return content.map((inline) => (inline.type === 'text' ? inline.text : '\n')).join('');
}

function push(blocks: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed !== '') blocks.push(trimmed);
}
