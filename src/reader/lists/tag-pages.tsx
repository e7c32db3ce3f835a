import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSettings } from '../../capabilities/settings/index.js';
import { absolute, pageNumber, tagPath } from '../../capabilities/site/index.js';
import { findTagRedirect, findTagRowBySlug } from '../../capabilities/tags/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { ArticleList } from '../article-cards.js';
import { listPublishedArticles } from '../article-listing.js';
import { cardImagesFor, listRouteSchema, sendListPage } from './list-page.js';

/**
 * A tag's page at /tag/<slug>: the published articles carrying it, newest first, 20 a page.
 * A tag that only drafts carry is a 404 like an unknown one: tags are made while writing, and
 * the name of a tag can give away an article that is not out yet. The old address of a tag merged
 * into another, or whose slug changed, answers 301 to the surviving tag's page.
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
      if (!tag) {
        // A merged or re-slugged tag's old address leads to the surviving tag, for good (migration 0030).
        const target = await findTagRedirect(db, request.params.slug);
        if (!target) throw notFound('That tag');
        surrogateKeys(reply, [CacheKey.tag(target.id)]);
        const query = page > 1 ? `?page=${page}` : '';
        return reply.redirect(`${absolute(deps.config.publicUrl, tagPath(target.slug))}${query}`, 301);
      }
      const list = await listPublishedArticles(db, { kind: 'tag', tagId: tag.id }, page);
      if (list.articles.length === 0) throw notFound(page > 1 ? 'That page' : 'That tag');
      const images = await cardImagesFor(deps, list.articles);

      const description = `Articles about ${tag.name} from ${settings['publication.name']}.`;
      const ownPage = {
        path: tagPath(tag.slug),
        list,
        images,
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
          <ArticleList articles={list.articles} images={images} settings={settings} />
        </>,
      );
    },
  );
};
