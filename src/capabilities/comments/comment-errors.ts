import { AppError } from '../../platform/http/errors.js';
import type { Refusal } from './comment.js';

/** Bad text or anchor: 400 naming the field (`text`, `anchor.start`, `anchor.quote`...). */
export const commentInvalid = (field: string, message: string) =>
  new AppError('COMMENT_INVALID', 400, message, { field });

/** A thread or comment that is not on this article (or never was): 404. */
export const threadNotFound = (id: string) =>
  new AppError('COMMENT_THREAD_NOT_FOUND', 404, 'There is no such comment thread on this article.', { id });

export const commentNotFound = (id: string) =>
  new AppError('COMMENT_NOT_FOUND', 404, 'There is no such comment on this article.', { id });

/** The article's read rule refused (ADR 0014), in its own words. */
export const cannotRead = (message: string) => new AppError('FORBIDDEN', 403, message, { reason: 'read' });

/** The comment rules refused: not the author, may not resolve. */
export const refused = (refusal: Refusal) =>
  refusal.reason === 'replies'
    ? new AppError('COMMENT_THREAD_HAS_REPLIES', 409, refusal.message, {})
    : new AppError('FORBIDDEN', 403, refusal.message, { reason: refusal.reason });

/** Resolve on a resolved thread, reopen on an open one, reply to a resolved one: 409 saying which. */
export const threadState = (resolved: boolean, message: string) =>
  new AppError(resolved ? 'COMMENT_THREAD_RESOLVED' : 'COMMENT_THREAD_OPEN', 409, message, {});

export interface MentionProblem {
  readonly id: string;
  readonly reason: 'unknown' | 'inactive' | 'cannot-read';
  readonly message: string;
}

/** A mention the rules refuse: 400 with each refused id, its reason and a sentence naming the person. */
export const mentionRefused = (problems: readonly MentionProblem[]) =>
  new AppError('MENTION_REFUSED', 400, problems.map((p) => p.message).join(' '), {
    field: 'mentions',
    mentions: problems.map((p) => ({ id: p.id, reason: p.reason })),
  });
