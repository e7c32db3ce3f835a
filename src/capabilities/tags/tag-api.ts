import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { requireActor } from '../staff/index.js';
import { mergeTags } from './tag-merge.js';
import { presentTag } from './tag-presenter.js';
import { queueTagPurge } from './tag-purge.js';
import {
  NewTagBody,
  TagChangesBody,
  TagJson,
  TagListJson,
  TagListQuery,
  TagMergeBody,
  TagParams,
} from './tag-schemas.js';
import { createTag, deleteTag, listTagsCounted, updateTag } from './tag-service.js';

const tags = ['tags'];

/** /tags: any staff member reads and creates tags; editors and above rename and delete them. */
export const tagApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { clock } = deps;
  const db = deps.database.db;

  app.get(
    '/tags',
    {
      schema: {
        tags,
        summary: 'Tags by name, optionally those starting with q',
        querystring: TagListQuery,
        response: { 200: TagListJson },
      },
    },
    async (request) => {
      requireActor(request);
      return {
        tags: (await listTagsCounted(db, request.query)).map((t) => ({
          ...presentTag(t),
          articleCount: t.articleCount,
        })),
      };
    },
  );

  app.post(
    '/tags',
    { schema: { tags, summary: 'Create a tag', body: NewTagBody, response: { 201: TagJson } } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.code(201).send(presentTag(await createTag(db, clock, actor, request.body)));
    },
  );

  app.patch(
    '/tags/:id',
    {
      schema: {
        tags,
        summary: 'Rename a tag or change its slug',
        params: TagParams,
        body: TagChangesBody,
        response: { 200: TagJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // The tag's page and its articles' pages name it: live on the next request.
      const tag = await writeThenPurge(deps, (trx) =>
        updateTag(trx, clock, actor, request.params.id, request.body),
      );
      return presentTag(tag);
    },
  );

  app.post(
    '/tags/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a tag into another: its articles and its address (301) go to the surviving tag',
        params: TagParams,
        body: TagMergeBody,
        response: { 200: TagJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const tag = await writeThenPurge(deps, (trx) =>
        mergeTags(trx, clock, actor, request.params.id, request.body.into),
      );
      return presentTag(tag);
    },
  );

  app.delete(
    '/tags/:id',
    {
      schema: {
        tags,
        summary: 'Delete a tag no article carries',
        params: TagParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Only an unused tag can go, so no article page names it; its own address may still be cached.
      await writeThenPurge(deps, async (trx) => {
        await deleteTag(trx, actor, request.params.id);
        await queueTagPurge(trx, clock, [request.params.id]);
      });
      return reply.code(204).send(null);
    },
  );
};
