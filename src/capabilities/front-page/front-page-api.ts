import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { readableArticleIds } from '../articles/index.js';
import { requireActor } from '../staff/index.js';
import { presentFrontPage } from './front-page-presenter.js';
import { ArrangeFrontPageBody, FrontPageOut } from './front-page-schemas.js';
import { arrangeFrontPage, getFrontPage } from './front-page-service.js';

const tags = ['front-page'];

/** /front-page: any staff member sees the top stories' order (the picks they may read); editors and above set it. */
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
      const actor = requireActor(request);
      const page = await getFrontPage(db);
      // A pick can be scheduled or in review: its headline is shown only to those who may read it (ADR 0014).
      const readable = await readableArticleIds(
        db,
        actor,
        page.picks.map((p) => p.articleId),
      );
      return presentFrontPage({ ...page, picks: page.picks.filter((p) => readable.has(p.articleId)) });
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
