import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { requireActor } from '../staff/index.js';
import { presentTag } from './tag-presenter.js';
import { NewTagBody, TagChangesBody, TagJson, TagListJson, TagListQuery, TagParams } from './tag-schemas.js';
import { createTag, deleteTag, listTags, updateTag } from './tag-service.js';

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
      return { tags: (await listTags(db, request.query)).map(presentTag) };
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
      return presentTag(await updateTag(db, actor, request.params.id, request.body));
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
      await deleteTag(db, actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
