import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';

const PageCacheStatsJson = Type.Object({
  pid: Type.Integer({ description: 'The web process that answered: each has its own cache.' }),
  entries: Type.Integer({ description: 'URLs kept (a URL with several versions counts once).' }),
  bytes: Type.Integer({ description: 'Their pages in every encoding made so far, with their bookkeeping.' }),
  maxBytes: Type.Integer({ description: 'PAGE_CACHE_MB in bytes.' }),
  hits: Type.Integer(),
  misses: Type.Integer({ description: 'Pages that had to be rendered and were stored.' }),
  hitRatio: Type.Number({ description: 'hits / (hits + misses); 0 before any.' }),
  evictions: Type.Integer({
    description: 'URLs dropped, least recently used first, to stay within maxBytes.',
  }),
});

/** The page cache's figures for the process that answers (admin only: how busy the site is is not public). */
export const pageCacheApi: FastifyPluginAsyncTypebox<{
  deps: Deps;
  requireAdmin: (request: FastifyRequest, action: string) => unknown;
}> = async (app, { deps, requireAdmin }) => {
  app.get(
    '/page-cache',
    {
      schema: {
        tags: ['health'],
        summary: "What this web process's page cache holds: entries, bytes, hits, misses, evictions",
        response: { 200: PageCacheStatsJson },
      },
    },
    async (request, reply) => {
      requireAdmin(request, "see the page cache's figures");
      reply.header('cache-control', 'no-store');
      return { pid: process.pid, ...deps.pageCache.stats() };
    },
  );
};
