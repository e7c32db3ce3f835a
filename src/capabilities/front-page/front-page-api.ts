import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { requireActor } from '../staff/index.js';
import { presentFrontPage } from './front-page-presenter.js';
import { ArrangeFrontPageBody, FrontPageOut } from './front-page-schemas.js';
import { arrangeFrontPage, getFrontPage } from './front-page-service.js';

const tags = ['front-page'];

/** /front-page: any staff member sees the top stories' order; editors and above set it. */
export const frontPageApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(
    '/front-page',
    {
      schema: {
        tags,
        summary: 'The top stories as editors picked and ordered them',
        response: { 200: FrontPageOut },
      },
    },
    async (request) => {
      requireActor(request);
      return presentFrontPage(await getFrontPage(db));
    },
  );

  app.put(
    '/front-page',
    {
      schema: {
        tags,
        summary: 'Pick and order the top stories (editors and above); live on the next request',
        body: ArrangeFrontPageBody,
        response: { 200: FrontPageOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const page = await writeThenPurge(deps, (trx) => arrangeFrontPage(trx, clock, actor, request.body));
      return presentFrontPage(page);
    },
  );
};
