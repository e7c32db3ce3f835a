import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { requireActor } from '../staff/index.js';
import { readScope, type WorkflowAction } from './article.js';
import { getReadableArticle } from './article-access.js';
import { addCorrection } from './article-corrections.js';
import { deleteArticle } from './article-deletion.js';
import { getRevision, listRevisions, restoreRevision } from './article-history.js';
import { presentArticle, presentArticleSummary } from './article-presenter.js';
import { type Article, listArticles } from './article-queries.js';
import { updateArticle } from './article-saving.js';
import type { ArticleFieldsInput } from './article-schemas.js';
import {
  ArticleListOut,
  ArticleOut,
  CorrectionBody,
  CorrectionLogOut,
  CorrectionLogQuery,
  CreateArticleBody,
  DeleteQuery,
  IdParams,
  ListQuery,
  RevisionOut,
  RevisionParams,
  RevisionSummaryOut,
  SuggestionListOut,
  SuggestionVerdictBody,
  UpdateArticleBody,
  WorkflowBody,
} from './article-schemas.js';
import { createArticle } from './article-service.js';
import { listArticleSuggestions, resolveArticleSuggestions } from './article-suggestions.js';
import { runWorkflow } from './article-workflow.js';
import { listCorrectionLog } from './correction-log.js';

/** The workflow steps, each a POST with the revision it is based on. */
const ACTIONS: Record<WorkflowAction, string> = {
  submit: 'Submit a draft for review',
  return: 'Return an article in review to its writer',
  schedule: 'Schedule publication at a time ("at")',
  unschedule: 'Take a scheduled article back to draft',
  publish: 'Publish now',
  unpublish: 'Take a published article down',
  update: 'Put a live article’s staged edits live (409 NOTHING_STAGED when there are none)',
};
const tags = ['articles'];

/**
 * The articles' live documents (ADR 0031), when the app runs live co-editing: before a workflow step a
 * live document's unsaved edits become a revision, so the step acts on what the editors see; after a
 * write commits, its text is merged into the live document, so an editor's typing never hides it.
 */
export interface LiveDocumentHooks {
  beforeWorkflow(articleId: string): Promise<void>;
  afterWrite(article: Article): Promise<void>;
}

const NO_LIVE_DOCUMENTS: LiveDocumentHooks = { beforeWorkflow: async () => {}, afterWrite: async () => {} };

/** The newsroom's article routes: thin adapters that open a transaction and call the services. */
export const articleApi: FastifyPluginAsyncTypebox<{ deps: Deps; live?: LiveDocumentHooks }> = async (
  app,
  { deps, live = NO_LIVE_DOCUMENTS },
) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(
    '/articles',
    { schema: { tags, querystring: ListQuery, response: { 200: ArticleListOut } } },
    async (request) => {
      const page = await listArticles(db, request.query, readScope(requireActor(request)));
      return { items: page.items.map(presentArticleSummary), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/articles',
    { schema: { tags, body: CreateArticleBody, response: { 201: ArticleOut } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const input = request.body as Partial<ArticleFieldsInput> & { headline: string };
      const article = await writeThenPurge(deps, (trx) => createArticle(trx, clock, actor, input));
      return reply.code(201).send(presentArticle(article));
    },
  );

  app.get(
    '/articles/:id',
    { schema: { tags, params: IdParams, response: { 200: ArticleOut } } },
    async (request) => {
      return presentArticle(await getReadableArticle(db, requireActor(request), request.params.id));
    },
  );

  app.patch(
    '/articles/:id',
    { schema: { tags, params: IdParams, body: UpdateArticleBody, response: { 200: ArticleOut } } },
    async (request) => {
      const actor = requireActor(request);
      const { revision, ...fields } = request.body as { revision: number } & Partial<ArticleFieldsInput>;
      const { article } = await writeThenPurge(deps, (trx) =>
        updateArticle(trx, clock, actor, request.params.id, revision, fields),
      );
      await live.afterWrite(article);
      return presentArticle(article);
    },
  );

  app.delete(
    '/articles/:id',
    {
      schema: {
        tags,
        summary: 'Delete an article readers cannot see (editors and above); its addresses then answer 410',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await writeThenPurge(deps, (trx) =>
        deleteArticle(trx, clock, actor, request.params.id, request.query.revision),
      );
      return reply.code(204).send(null);
    },
  );

  for (const [action, summary] of Object.entries(ACTIONS) as [WorkflowAction, string][]) {
    app.post(
      `/articles/:id/${action}`,
      { schema: { tags, summary, params: IdParams, body: WorkflowBody, response: { 200: ArticleOut } } },
      async (request) => {
        const actor = requireActor(request);
        await live.beforeWorkflow(request.params.id);
        const article = await writeThenPurge(deps, (trx) =>
          runWorkflow(trx, clock, actor, request.params.id, action, request.body),
        );
        await live.afterWrite(article);
        return presentArticle(article);
      },
    );
  }

  app.get(
    '/articles/:id/revisions',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(RevisionSummaryOut) }) },
      },
    },
    async (request) => {
      return { items: await listRevisions(db, requireActor(request), request.params.id) };
    },
  );

  app.get(
    '/articles/:id/revisions/:number',
    { schema: { tags, params: RevisionParams, response: { 200: RevisionOut } } },
    async (request) => {
      return getRevision(db, requireActor(request), request.params.id, request.params.number);
    },
  );

  app.post(
    '/articles/:id/revisions/:number/restore',
    {
      schema: {
        tags,
        params: RevisionParams,
        body: Type.Object({ revision: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: ArticleOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const article = await writeThenPurge(deps, (trx) =>
        restoreRevision(trx, clock, actor, request.params.id, request.params.number, request.body.revision),
      );
      await live.afterWrite(article);
      return presentArticle(article);
    },
  );

  app.get(
    '/articles/:id/suggestions',
    { schema: { tags, params: IdParams, response: { 200: SuggestionListOut } } },
    async (request) => listArticleSuggestions(db, requireActor(request), request.params.id),
  );

  for (const verdict of ['accept', 'reject'] as const) {
    app.post(
      `/articles/:id/suggestions/${verdict}`,
      {
        schema: {
          tags,
          summary: `${verdict === 'accept' ? 'Accept' : 'Reject'} open suggestions ("ids", or all)`,
          params: IdParams,
          body: SuggestionVerdictBody,
          response: { 200: ArticleOut },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        // What the live editors see is saved first, so the verdict acts on the suggestions they see.
        await live.beforeWorkflow(request.params.id);
        const article = await writeThenPurge(deps, (trx) =>
          resolveArticleSuggestions(trx, clock, actor, request.params.id, verdict, request.body),
        );
        await live.afterWrite(article);
        return presentArticle(article);
      },
    );
  }

  app.post(
    '/articles/:id/corrections',
    { schema: { tags, params: IdParams, body: CorrectionBody, response: { 201: ArticleOut } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const article = await writeThenPurge(deps, (trx) =>
        addCorrection(trx, clock, actor, request.params.id, request.body),
      );
      return reply.code(201).send(presentArticle(article));
    },
  );

  app.get(
    '/corrections',
    {
      schema: {
        tags,
        summary: "The paper's corrections log across articles, newest first, a page at a time",
        querystring: CorrectionLogQuery,
        response: { 200: CorrectionLogOut },
      },
    },
    async (request) => listCorrectionLog(db, requireActor(request), request.query),
  );
};
