import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { SITEMAP_CONTENT_TYPE, sitemapPaths } from './sitemap.js';
import {
  renderArticleSitemap,
  renderAuthorsSitemap,
  renderNewsSitemap,
  renderSectionsSitemap,
  renderSitemapIndex,
} from './sitemap-service.js';

const tags = ['sitemaps'];
const SitemapXml = Type.String({ description: 'A sitemap or sitemap index (sitemaps.org 0.9)' });
const NoParams = Type.Object({});

/** /sitemap.xml and the sitemaps it lists under /sitemaps/. Cached pages, keyed by CacheKey.sitemaps. */
export const sitemapRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;
  const { publicUrl } = deps.config;
  const options = (summary: string) => ({
    schema: { tags, summary, params: NoParams, response: { 200: SitemapXml } },
    config: { pageCache: true },
  });
  const send = (reply: FastifyReply, xml: string) => {
    surrogateKeys(reply, [CacheKey.sitemaps]);
    return reply.type(SITEMAP_CONTENT_TYPE).send(xml);
  };

  app.get(sitemapPaths.index, options('The sitemap index'), async (_request, reply) =>
    send(reply, await renderSitemapIndex(db, publicUrl)),
  );
  app.get(sitemapPaths.news, options('Google News sitemap: the last 48 hours'), async (_request, reply) =>
    send(reply, await renderNewsSitemap(db, publicUrl, deps.clock.now())),
  );
  app.get(sitemapPaths.sections, options('The front page and every section page'), async (_request, reply) =>
    send(reply, await renderSectionsSitemap(db, publicUrl)),
  );
  app.get(sitemapPaths.authors, options('Every author with published articles'), async (_request, reply) =>
    send(reply, await renderAuthorsSitemap(db, publicUrl)),
  );
  app.get(
    '/sitemaps/:file',
    {
      schema: {
        tags,
        summary: 'Articles first published in one month (articles-YYYY-MM.xml, then -2, -3... past 1,000)',
        params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
        response: { 200: SitemapXml },
      },
      config: { pageCache: true },
    },
    async (request, reply) => send(reply, await renderArticleSitemap(db, publicUrl, request.params.file)),
  );
};
