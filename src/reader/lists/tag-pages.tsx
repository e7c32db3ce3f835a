import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSettings } from '../../capabilities/settings/index.js';
import { Layout, Pagination, pageHeadLinks, pageNumber, tagPath } from '../../capabilities/site/index.js';
import { findTagRowBySlug } from '../../capabilities/tags/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { ArticleList, cardKeys } from '../article-cards.js';
import { listPublishedArticles } from '../article-listing.js';

/**
 * A tag's page at /tag/<slug>: the published articles carrying it, newest first, 20 a page.
 * A tag that only drafts carry is a 404 like an unknown one: tags are made while writing, and
 * the name of a tag can give away an article that is not out yet.
 */
export const tagPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/tag/:slug',
    {
      config: { pageCache: true },
      schema: {
        tags: ['reader'],
        params: Type.Object({ slug: Type.String() }),
        querystring: Type.Object({
          page: Type.Optional(Type.Unknown({ description: 'Page number from 1; anything else is a 404.' })),
        }),
        response: { 200: Type.String({ description: 'The tag page (HTML).' }) },
      },
    },
    async (request, reply) => {
      const page = pageNumber(request.query.page);
      const { db } = deps.database;
      const [settings, tag] = await Promise.all([
        readSettings(db),
        findTagRowBySlug(db, request.params.slug),
      ]);
      if (!tag) throw notFound('That tag');
      const list = await listPublishedArticles(db, { kind: 'tag', tagId: tag.id }, page);
      if (list.articles.length === 0) throw notFound(page > 1 ? 'That page' : 'That tag');

      surrogateKeys(reply, [CacheKey.tag(tag.id), ...cardKeys(list.articles)]);
      const ownPath = tagPath(tag.slug);
      const head = pageHeadLinks(deps.config.publicUrl, { path: ownPath, page, hasNext: list.hasNext });
      const description = `Articles about ${tag.name} from ${settings['publication.name']}.`;
      const html = renderDocument(
        <Layout
          settings={settings}
          now={deps.clock.now()}
          title={page > 1 ? `${tag.name} (page ${page})` : tag.name}
          description={description}
          {...head}
          wide
          og={{ type: 'website', title: tag.name, description, url: head.canonical }}
        >
          <header class="list-header">
            <p class="label sans">Topic</p>
            <h1>{tag.name}</h1>
          </header>
          <ArticleList articles={list.articles} settings={settings} />
          <Pagination path={ownPath} page={page} hasNext={list.hasNext} />
        </Layout>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
};
