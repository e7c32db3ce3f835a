import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { requireActor } from '../staff/index.js';
import { authorNotFound } from './author-errors.js';
import { presentAuthor } from './author-presenter.js';
import {
  AuthorChangesBody,
  AuthorJson,
  AuthorListJson,
  AuthorListQuery,
  AuthorParams,
  NewAuthorBody,
} from './author-schemas.js';
import { createAuthor, deleteAuthor, findAuthorById, listAuthors, updateAuthor } from './author-service.js';

const tags = ['authors'];

/** /authors: any staff member reads profiles; editors and above create, change and delete them. */
export const authorApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { clock } = deps;
  const db = deps.database.db;

  app.get(
    '/authors',
    {
      schema: {
        tags,
        summary: 'Author profiles by name',
        querystring: AuthorListQuery,
        response: { 200: AuthorListJson },
      },
    },
    async (request) => {
      requireActor(request);
      return { authors: (await listAuthors(db, request.query)).map(presentAuthor) };
    },
  );

  app.get(
    '/authors/:id',
    { schema: { tags, summary: 'One author profile', params: AuthorParams, response: { 200: AuthorJson } } },
    async (request) => {
      requireActor(request);
      const author = await findAuthorById(db, request.params.id);
      if (!author) throw authorNotFound(request.params.id);
      return presentAuthor(author);
    },
  );

  app.post(
    '/authors',
    {
      schema: {
        tags,
        summary: 'Create an author profile (a guest contributor unless staffId is given)',
        body: NewAuthorBody,
        response: { 201: AuthorJson },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.code(201).send(presentAuthor(await createAuthor(db, clock, actor, request.body)));
    },
  );

  app.patch(
    '/authors/:id',
    {
      schema: {
        tags,
        summary: 'Change an author profile (editors: any; staff: their own name, bio, affiliation, photo)',
        params: AuthorParams,
        body: AuthorChangesBody,
        response: { 200: AuthorJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const author = await writeThenPurge(deps, (trx) =>
        updateAuthor(trx, clock, actor, request.params.id, request.body),
      );
      return presentAuthor(author);
    },
  );

  app.delete(
    '/authors/:id',
    {
      schema: {
        tags,
        summary: 'Delete an author profile no article credits',
        params: AuthorParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteAuthor(db, actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
