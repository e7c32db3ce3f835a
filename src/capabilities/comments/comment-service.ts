import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { type Article, checkLiveEditing, getArticle } from '../articles/index.js';
import { recordAuditEvent } from '../audit/index.js';
import type { Actor } from '../staff/index.js';
import {
  addedMentions,
  type Check,
  type Comment,
  type CommentThread,
  checkAuthor,
  checkCommentText,
  checkDeleteOpening,
  checkResolve,
} from './comment.js';
import { type AnchorInput, checkAnchor } from './comment-anchor.js';
import {
  cannotRead,
  commentInvalid,
  commentNotFound,
  refused,
  threadNotFound,
  threadState,
} from './comment-errors.js';
import { checkMentions, mailMentions } from './comment-mentions.js';
import {
  bumpCommentVersion,
  type CommentRow,
  deleteCommentRow,
  deleteThreadRow,
  findCommentRow,
  findCommentVersion,
  findThreadRow,
  insertComment,
  insertThread,
  listCommentRows,
  listThreadRows,
  setThreadResolved,
  type ThreadRow,
  updateCommentRow,
} from './comment-repository.js';

/** What the comment services need beyond the database: the time, and the site's address for mailed links. */
export interface CommentContext {
  readonly clock: Clock;
  readonly publicUrl: URL;
}

/**
 * The article, for an actor who may read it (ADR 0014, with the actor's role now), and whether they may
 * edit it: 404 ARTICLE_NOT_FOUND, else 403 FORBIDDEN in the read rule's words. Every comment route starts here.
 */
export async function commentableArticle(
  db: Db,
  actor: Actor,
  articleId: string,
): Promise<{ article: Article; mayEdit: boolean }> {
  const article = await getArticle(db, articleId);
  const rights = checkLiveEditing(actor, article);
  if (!rights.ok) throw cannotRead(rights.message);
  return { article, mayEdit: !rights.readOnly };
}

/**
 * The start of every write: the read rule, then the article's comment version is counted up. That upsert
 * locks the article's row (PostgreSQL; SQLite runs one transaction at a time) until the transaction ends, so
 * everything the write reads after it (a thread's replies, whether it is resolved) stays true until it
 * commits. A refused write throws and rolls the count back. `seq` orders what the write inserts.
 */
async function lockedArticle(
  trx: Db,
  ctx: CommentContext,
  actor: Actor,
  articleId: string,
): Promise<{ article: Article; mayEdit: boolean; now: Date; at: string; seq: number }> {
  const rights = await commentableArticle(trx, actor, articleId);
  const now = ctx.clock.now();
  const at = isoTime(now);
  const seq = await bumpCommentVersion(trx, articleId, at);
  return { ...rights, now, at, seq };
}

/** How many times the article's comments have changed (0 before the first): the poll's ETag. */
export function commentVersion(db: Db, articleId: string): Promise<number> {
  return findCommentVersion(db, articleId);
}

/** Every thread of the article, open and resolved, oldest first, each with its comments oldest first. */
export async function listThreads(db: Db, articleId: string): Promise<CommentThread[]> {
  const [threads, comments] = await Promise.all([
    listThreadRows(db, articleId),
    listCommentRows(db, articleId),
  ]);
  const byThread = new Map<string, Comment[]>();
  for (const comment of comments.map(toComment)) {
    const list = byThread.get(comment.threadId) ?? [];
    list.push(comment);
    byThread.set(comment.threadId, list);
  }
  return threads.map((t) => toThread(t, byThread.get(t.id) ?? []));
}

export async function startThread(
  trx: Db,
  ctx: CommentContext,
  actor: Actor,
  articleId: string,
  input: { text: string; anchor: AnchorInput; mentions?: string[] | undefined },
): Promise<CommentThread> {
  const { article, now, at, seq } = await lockedArticle(trx, ctx, actor, articleId);
  const text = checkedText(input.text);
  const anchor = checkAnchor(input.anchor);
  if (!anchor.ok) throw commentInvalid(anchor.field, anchor.message);
  const mentioned = await checkMentions(trx, article, input.mentions ?? []);
  // The opening comment and its thread share an id: `/comments/:id` names either.
  const id = newId(now.getTime());
  const a = anchor.value;
  await insertThread(trx, {
    id,
    article_id: articleId,
    field: a.field,
    anchor_start: a.start,
    anchor_end: a.end,
    quote: a.quote,
    prefix: a.prefix,
    suffix: a.suffix,
    created_at: at,
    seq,
    resolved_at: null,
    resolved_by: null,
    resolved_by_name: null,
  });
  await insertComment(trx, commentRow(id, id, articleId, actor, text, mentioned, at, seq));
  await mailMentions(trx, ctx, { article, threadId: id, text, author: actor, mentioned });
  return getThread(trx, articleId, id);
}

export async function replyToThread(
  trx: Db,
  ctx: CommentContext,
  actor: Actor,
  articleId: string,
  threadId: string,
  input: { text: string; mentions?: string[] | undefined },
): Promise<CommentThread> {
  const { article, now, at, seq } = await lockedArticle(trx, ctx, actor, articleId);
  const thread = await getThread(trx, articleId, threadId);
  if (thread.resolved) throw threadState(true, 'This thread is resolved: reopen it to reply.');
  const text = checkedText(input.text);
  const mentioned = await checkMentions(trx, article, input.mentions ?? []);
  await insertComment(
    trx,
    commentRow(newId(now.getTime()), threadId, articleId, actor, text, mentioned, at, seq),
  );
  await mailMentions(trx, ctx, { article, threadId, text, author: actor, mentioned });
  return getThread(trx, articleId, threadId);
}

/** Resolve (`resolved` true) or reopen a thread; records who and when, or clears them on reopening. */
export async function setResolved(
  trx: Db,
  ctx: CommentContext,
  actor: Actor,
  articleId: string,
  threadId: string,
  resolved: boolean,
): Promise<CommentThread> {
  const { mayEdit, at } = await lockedArticle(trx, ctx, actor, articleId);
  const thread = await getThread(trx, articleId, threadId);
  refuseUnless(checkResolve(actor, thread, mayEdit));
  if (resolved && thread.resolved) throw threadState(true, 'This thread is already resolved.');
  if (!resolved && !thread.resolved)
    throw threadState(false, 'This thread is open: there is nothing to reopen.');
  await setThreadResolved(trx, threadId, resolved ? { at, by: actor.staffId, name: actor.name } : null);
  return getThread(trx, articleId, threadId);
}

/** The author changes their comment's text (and its mentions, when given); only the newly mentioned are mailed. */
export async function editComment(
  trx: Db,
  ctx: CommentContext,
  actor: Actor,
  articleId: string,
  commentId: string,
  input: { text: string; mentions?: string[] | undefined },
): Promise<CommentThread> {
  const { article, at } = await lockedArticle(trx, ctx, actor, articleId);
  const comment = await getComment(trx, articleId, commentId);
  refuseUnless(checkAuthor(actor, comment));
  const text = checkedText(input.text);
  const mentions = input.mentions ?? [...comment.mentions];
  const mentioned = await checkMentions(trx, article, mentions);
  await updateCommentRow(trx, commentId, {
    text,
    mentions: JSON.stringify(mentioned.map((m) => m.id)),
    edited_at: at,
  });
  const added = addedMentions(
    comment.mentions,
    mentioned.map((m) => m.id),
  );
  await mailMentions(trx, ctx, {
    article,
    threadId: comment.threadId,
    text,
    author: actor,
    mentioned: mentioned.filter((m) => added.includes(m.id)),
  });
  return getThread(trx, articleId, comment.threadId);
}

/**
 * The author deletes their comment. The opening comment takes its thread with it, refused (409
 * COMMENT_THREAD_HAS_REPLIES) when anyone else has replied. Recorded in the audit trail, as an article's
 * deletion is: a deleted comment leaves no other trace. Returns whether the whole thread went.
 */
export async function deleteComment(
  trx: Db,
  ctx: CommentContext,
  actor: Actor,
  articleId: string,
  commentId: string,
): Promise<{ threadDeleted: boolean }> {
  // Locked first: no reply can slip in between the check of the replies and the deletion.
  const { article } = await lockedArticle(trx, ctx, actor, articleId);
  const comment = await getComment(trx, articleId, commentId);
  refuseUnless(checkAuthor(actor, comment));
  const opening = comment.id === comment.threadId;
  const thread = await getThread(trx, articleId, comment.threadId);
  if (opening) refuseUnless(checkDeleteOpening(thread));
  if (opening) await deleteThreadRow(trx, thread.id);
  else await deleteCommentRow(trx, comment.id);
  await recordAuditEvent(trx, ctx.clock, actor, {
    action: 'comment.deleted',
    subject: { kind: 'article', id: articleId },
    summary: `${opening ? 'Deleted a comment thread' : 'Deleted a comment'} on “${article.headline}”`,
    details: {
      commentId: comment.id,
      threadId: thread.id,
      thread: opening,
      quote: thread.anchor.quote.slice(0, 200),
    },
  });
  return { threadDeleted: opening };
}

async function getThread(db: Db, articleId: string, threadId: string): Promise<CommentThread> {
  const row = await findThreadRow(db, articleId, threadId);
  if (!row) throw threadNotFound(threadId);
  return toThread(row, (await listCommentRows(db, articleId, threadId)).map(toComment));
}

async function getComment(db: Db, articleId: string, commentId: string): Promise<Comment> {
  const row = await findCommentRow(db, articleId, commentId);
  if (!row) throw commentNotFound(commentId);
  return toComment(row);
}

function checkedText(raw: string): string {
  const text = checkCommentText(raw);
  if (!text.ok) throw commentInvalid('text', text.message);
  return text.value;
}

function refuseUnless(check: Check): void {
  if (!check.ok) throw refused(check);
}

function commentRow(
  id: string,
  threadId: string,
  articleId: string,
  actor: Actor,
  text: string,
  mentioned: readonly { id: string }[],
  at: string,
  seq: number,
): CommentRow {
  return {
    id,
    thread_id: threadId,
    article_id: articleId,
    author_id: actor.staffId,
    author_token: actor.staffId === null ? actor.tokenId : null,
    author_name: actor.name,
    text,
    mentions: JSON.stringify(mentioned.map((m) => m.id)),
    created_at: at,
    seq,
    edited_at: null,
  };
}

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    threadId: row.thread_id,
    author: { staffId: row.author_id, tokenId: row.author_token, name: row.author_name },
    text: row.text,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

function toThread(row: ThreadRow, comments: Comment[]): CommentThread {
  return {
    id: row.id,
    articleId: row.article_id,
    anchor: {
      field: row.field as CommentThread['anchor']['field'],
      start: row.anchor_start,
      end: row.anchor_end,
      quote: row.quote,
      prefix: row.prefix,
      suffix: row.suffix,
    },
    createdAt: row.created_at,
    resolved:
      row.resolved_at === null
        ? null
        : { at: row.resolved_at, by: { staffId: row.resolved_by, name: row.resolved_by_name ?? '' } },
    comments,
  };
}
