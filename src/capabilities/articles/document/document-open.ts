/**
 * The open part of a body: what the registration wall leaves to a reader past the limit. One rule
 * for every place an article's text goes: the page cuts its body here (render/article-body.tsx),
 * and search indexes and quotes only this much of a walled article (search README, migration 0023),
 * so no snippet, feed or other output can carry text the page would have cut.
 */
import type { ArticleAccess } from '../article.js';
import type { ArticleDocument, TopBlockNode } from './document.js';
import { documentToPlainText } from './document-text.js';

/** Top-level blocks every reader sees; the rest is the part the wall can cut. */
export const OPEN_BLOCKS = 3;

/** The blocks every reader sees, and the rest (`.article-rest` on the page). */
export function splitAtWall(document: ArticleDocument): { open: TopBlockNode[]; rest: TopBlockNode[] } {
  const blocks = document.content ?? [];
  return { open: blocks.slice(0, OPEN_BLOCKS), rest: blocks.slice(OPEN_BLOCKS) };
}

/**
 * The body's text that any reader may read without an account: all of it for an always-free
 * article, only the open part's for a metered or registration-only one (whatever the monthly limit:
 * the limit is a setting that can change at any time, the index cannot follow it).
 */
export function publicBodyText(document: ArticleDocument, access: ArticleAccess): string {
  if (access === 'free') return documentToPlainText(document);
  return documentToPlainText({ ...document, content: splitAtWall(document).open });
}
