import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { requireActor } from '../staff/index.js';
import { presentThread } from './comment-presenter.js';
import {
  ArticleParams,
  CommentChangesBody,
  CommentParams,
  NewThreadBody,
  ReplyBody,
  ThreadJson,
  ThreadListJson,
  ThreadParams,
} from './comment-schemas.js';
import {
  type CommentContext,
  commentableArticle,
  commentVersion,
  deleteComment,
  editComment,
  listThreads,
  replyToThread,
  setResolved,
  startThread,
} from './comment-service.js';

export interface CommentApiOptions {
  deps: Deps;
  /**
   * Called after a change to an article's comments is committed, so that whoever has the article's live
   * document open can be told at once (a Hocuspocus stateless message; wired in app.ts). Its failure is
   * logged, never the request's: the comment is saved, and polling (the ETag) finds it anyway.
   */
  onCommentsChanged?: (articleId: string) => void | Promise<void>;
}

const tags = ['comments'];
const ERRORS =
  ' Errors: 404 ARTICLE_NOT_FOUND, 403 FORBIDDEN (details.reason `read`, `author` or `resolve`), 400 VALIDATION_FAILED, COMMENT_INVALID (details.field), MENTION_REFUSED (details.mentions).';

/**
 * /articles/:id/comments: threads anchored to a passage of the article, and their replies (ADR 0034).
 * Whoever may read the article reads and writes comments; resolving is for its editors and the thread's
 * author; a comment is changed or deleted only by its author. Nothing here touches the article itself.
 */
export const commentApi: FastifyPluginAsyncTypebox<CommentApiOptions> = async (app, options) => {
  const { deps } = options;
  const db = deps.database.db;
  const ctx: CommentContext = { clock: deps.clock, publicUrl: deps.config.publicUrl };

  /** One transaction, then the live documents are told (after the commit: never about a change undone). */
  const write = async <T>(articleId: string, work: (trx: Db) => Promise<T>): Promise<T> => {
    const result = await inTransaction(db, work);
    await notify(app.log, options.onCommentsChanged, articleId);
    return result;
  };

  app.get(
    '/articles/:id/comments',
    {
      schema: {
        tags,
        summary: 'The article’s comment threads, open and resolved, oldest first',
        description:
          'Send the ETag back in If-None-Match to poll: 304 while nothing changed. Whoever may read the article.',
        params: ArticleParams,
        response: { 200: ThreadListJson, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // The rights first, on every request: a 304 tells that nothing changed, which is news too.
      await commentableArticle(db, actor, request.params.id);
      const version = await commentVersion(db, request.params.id);
      const etag = `"comments-${version}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      const threads = await listThreads(db, request.params.id);
      return { version, threads: threads.map(presentThread) };
    },
  );

  app.post(
    '/articles/:id/comments',
    {
      schema: {
        tags,
        summary: 'Start a thread on a passage of the article',
        description: `Whoever may read the article. Each mentioned member is mailed.${ERRORS}`,
        params: ArticleParams,
        body: NewThreadBody,
        response: { 201: ThreadJson },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id } = request.params;
      const thread = await write(id, (trx) => startThread(trx, ctx, actor, id, request.body));
      return reply.code(201).send(presentThread(thread));
    },
  );

  app.post(
    '/articles/:id/comments/:threadId/replies',
    {
      schema: {
        tags,
        summary: 'Reply to a thread',
        description: `Whoever may read the article; 409 COMMENT_THREAD_RESOLVED on a resolved thread (reopen it first), 404 COMMENT_THREAD_NOT_FOUND.${ERRORS}`,
        params: ThreadParams,
        body: ReplyBody,
        response: { 201: ThreadJson },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, threadId } = request.params;
      const thread = await write(id, (trx) => replyToThread(trx, ctx, actor, id, threadId, request.body));
      return reply.code(201).send(presentThread(thread));
    },
  );

  for (const [step, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    app.post(
      `/articles/:id/comments/:threadId/${step}`,
      {
        schema: {
          tags,
          summary: resolved ? 'Resolve a thread (records who and when)' : 'Reopen a resolved thread',
          description: `Whoever may edit the article, or the thread's author; 409 ${resolved ? 'COMMENT_THREAD_RESOLVED' : 'COMMENT_THREAD_OPEN'} when it already is.${ERRORS}`,
          params: ThreadParams,
          response: { 200: ThreadJson },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { id, threadId } = request.params;
        return presentThread(await write(id, (trx) => setResolved(trx, ctx, actor, id, threadId, resolved)));
      },
    );
  }

  app.patch(
    '/articles/:id/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'Change the text of your own comment',
        description: `The comment's author only; answers the whole thread. Only newly mentioned members are mailed.${ERRORS}`,
        params: CommentParams,
        body: CommentChangesBody,
        response: { 200: ThreadJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { id, commentId } = request.params;
      return presentThread(
        await write(id, (trx) => editComment(trx, ctx, actor, id, commentId, request.body)),
      );
    },
  );

  app.delete(
    '/articles/:id/comments/:commentId',
    {
      schema: {
        tags,
        summary: 'Delete your own comment; a thread’s opening comment deletes the thread',
        description: `The comment's author only. A thread's id is its opening comment's: deleting it deletes the thread, refused with 409 COMMENT_THREAD_HAS_REPLIES once someone else has replied.${ERRORS}`,
        params: CommentParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id, commentId } = request.params;
      await write(id, (trx) => deleteComment(trx, ctx, actor, id, commentId));
      return reply.code(204).send(null);
    },
  );
};

/** If-None-Match holds the ETag (RFC 9110: a list, weak or strong alike for GET, or `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

async function notify(
  log: FastifyBaseLogger,
  hook: CommentApiOptions['onCommentsChanged'],
  articleId: string,
): Promise<void> {
  if (!hook) return;
  try {
    await hook(articleId);
  } catch (error) {
    log.warn({ err: error, articleId }, 'comments changed, but the live documents were not told');
  }
}
