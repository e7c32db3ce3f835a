import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { requireActor } from '../staff/index.js';
import {
  ReaderDetailJson,
  ReaderErasedJson,
  ReaderIdParams,
  ReaderListJson,
  ReaderSearchQuery,
} from './reader-admin-schemas.js';
import { eraseReader, findReaders, readerDetail } from './reader-admin-service.js';

const tags = ['readers'];

/** /readers: search readers by address and see one (editors and above); erase one on request (admins and above). */
export const readerAdminApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;

  app.get(
    '/readers',
    {
      schema: {
        tags,
        summary: 'Readers whose address contains the text given, newest first, a page at a time',
        querystring: ReaderSearchQuery,
        response: { 200: ReaderListJson },
      },
    },
    async (request, reply) => {
      const page = await findReaders(db, requireActor(request), request.query);
      reply.header('cache-control', 'no-store');
      return page;
    },
  );

  app.get(
    '/readers/:readerId',
    {
      schema: {
        tags,
        summary: 'One reader: profile, live sessions, and the consent proof that would outlive erasure',
        params: ReaderIdParams,
        response: { 200: ReaderDetailJson },
      },
    },
    async (request, reply) => {
      const reader = await readerDetail(deps, requireActor(request), request.params.readerId);
      reply.header('cache-control', 'no-store');
      return reader;
    },
  );

  app.delete(
    '/readers/:readerId',
    {
      schema: {
        tags,
        summary:
          'Erase a reader on request: account, sessions and mail go; consent entries stay, keyed by hash',
        params: ReaderIdParams,
        response: { 200: ReaderErasedJson },
      },
    },
    async (request) => eraseReader(deps, requireActor(request), request.params.readerId),
  );
};
