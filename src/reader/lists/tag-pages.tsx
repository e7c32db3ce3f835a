import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSettings } from '../../capabilities/settings/index.js';
import { pageNumber, tagPath } from '../../capabilities/site/index.js';
import { findTagRowBySlug } from '../../capabilities/tags/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { ArticleList } from '../article-cards.js';
import { listPublishedArticles } from '../article-listing.js';
import { listRouteSchema, sendListPage } from './list-page.js';

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
      schema: listRouteSchema(Type.Object({ slug: Type.String() }), 'tag'),
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

      const description = `Articles about ${tag.name} from ${settings['publication.name']}.`;
      const ownPage = {
        path: tagPath(tag.slug),
        list,
        name: tag.name,
        description,
        keys: [CacheKey.tag(tag.id)],
      };
      return sendListPage(
        deps,
        reply,
        settings,
        ownPage,
        <>
          <header class="list-header">
            <p class="label sans">Topic</p>
            <h1>{tag.name}</h1>
          </header>
          <ArticleList articles={list.articles} settings={settings} />
        </>,
      );
    },
  );
};
