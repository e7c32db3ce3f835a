/**
 * The open part of a body: what the registration wall leaves to a reader past the limit. One rule
 * for every place an article's text goes: the page cuts its body here (render/article-body.tsx),
 * and search indexes and quotes only this much of a walled article (search README, migration 0023),
 * so no snippet, feed or other output can carry text the page would have cut.
 */
import type { ArticleAccess } from '../article.js';
import type { ArticleDocument, TopBlockNode } from './document.js';
import { documentToPlainText } from './document-text.js';

/**
 * The share of an article's top-level blocks a reader past the wall still reads, in percent: the
 * setting `wall.open_share_percent` lies between these bounds. A share, not a fixed count, so that a
 * brief of two or three paragraphs is never shown whole above the prompt (issue 14).
 */
export const OPEN_SHARE_PERCENT = { min: 10, max: 90, default: 25 } as const;

/**
 * How many of `total` top-level blocks stay open: `sharePercent` of them rounded down, at least one,
 * never all. A body of a single block opens none of it: never whole wins over at least one.
 * Never fewer for a larger share, so what the smallest share opens is open under every setting.
 */
export function openBlockCount(total: number, sharePercent: number): number {
  if (total <= 1) return 0;
  return Math.min(total - 1, Math.max(1, Math.floor((total * sharePercent) / 100)));
}

/** The blocks every reader sees, and the rest (`.article-rest` on the page). */
export function splitAtWall(
  document: ArticleDocument,
  sharePercent: number,
): { open: TopBlockNode[]; rest: TopBlockNode[] } {
  const blocks = document.content ?? [];
  const at = openBlockCount(blocks.length, sharePercent);
  return { open: blocks.slice(0, at), rest: blocks.slice(at) };
}

/**
 * The body's text that any reader may read without an account: all of it for an always-free
 * article, only the open part's for a metered or registration-only one. The open part under the
 * smallest share the setting allows: the share and the limit are settings that can change at any
 * time and the index cannot follow them, but no setting opens less than this.
 */
export function publicBodyText(document: ArticleDocument, access: ArticleAccess): string {
  if (access === 'free') return documentToPlainText(document);
  return documentToPlainText({ ...document, content: splitAtWall(document, OPEN_SHARE_PERCENT.min).open });
}
