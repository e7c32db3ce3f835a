import type { Static } from 'typebox';
import type { Comment, CommentThread } from './comment.js';
import type { CommentJson, ThreadJson } from './comment-schemas.js';

export function presentComment(comment: Comment): Static<typeof CommentJson> {
  return {
    id: comment.id,
    threadId: comment.threadId,
    author: { id: comment.author.staffId, name: comment.author.name },
    text: comment.text,
    mentions: [...comment.mentions],
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
  };
}

export function presentThread(thread: CommentThread): Static<typeof ThreadJson> {
  return {
    id: thread.id,
    articleId: thread.articleId,
    anchor: { ...thread.anchor },
    status: thread.resolved ? 'resolved' : 'open',
    resolvedAt: thread.resolved?.at ?? null,
    resolvedBy: thread.resolved ? { id: thread.resolved.by.staffId, name: thread.resolved.by.name } : null,
    createdAt: thread.createdAt,
    comments: thread.comments.map(presentComment),
  };
}
