import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { requireActor } from './actor.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token-service.js';
import { presentApiToken } from './staff-presenter.js';
import { ApiTokenList, ApiTokenReply, IdParams, NewApiTokenBody, NewApiTokenReply } from './staff-schemas.js';

/** API tokens for integrations: made by admins, shown once, revocable. */
export const apiTokenApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is in this response only',
        body: NewApiTokenBody,
        response: { 201: NewApiTokenReply },
      },
    },
    async (request, reply) => {
      const { token, apiToken } = await createApiToken(db, deps.clock, requireActor(request), request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ token, apiToken: presentApiToken(apiToken) });
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Every API token, revoked ones included (never the secrets)',
        response: { 200: ApiTokenList },
      },
    },
    async (request) => {
      const tokens = await listApiTokens(db, requireActor(request));
      return { tokens: tokens.map(presentApiToken) };
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token; it stops working at once',
        params: IdParams,
        response: { 200: ApiTokenReply },
      },
    },
    async (request) => {
      const apiToken = await revokeApiToken(db, deps.clock, requireActor(request), request.params.id);
      return { apiToken: presentApiToken(apiToken) };
    },
  );
};
