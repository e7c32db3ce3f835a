export type { Anchor, Comment, CommentThread } from './comment.js';
export { type CommentApiOptions, commentApi } from './comment-api.js';
