import type { FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import { type TSchema, Type } from 'typebox';
import { type CardImage, readerCardImages } from '../../capabilities/articles/index.js';
import type { Settings } from '../../capabilities/settings/index.js';
import { Layout, type OpenGraph, Pagination, pageHeadLinks } from '../../capabilities/site/index.js';
import type { Deps } from '../../deps.js';
import { surrogateKeys } from '../../platform/http/cache-keys.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { cardKeys } from '../article-cards.js';
import type { ArticlePage, ListedArticle } from '../article-listing.js';

/**
 * What the author, tag and section pages share: the route's schema with its `?page=N`, and the frame of
 * a paged list of cards (surrogate keys, rel=prev/next, title, Open Graph, the pagination nav).
 */
export function listRouteSchema<Params extends TSchema>(params: Params, what: string) {
  return {
    tags: ['reader'],
    params,
    querystring: Type.Object({
      page: Type.Optional(Type.Unknown({ description: 'Page number from 1; anything else is a 404.' })),
    }),
    response: { 200: Type.String({ description: `The ${what} page (HTML).` }) },
  };
}

export interface ListPage {
  /** The page's own address without `?page`. */
  readonly path: string;
  readonly list: ArticlePage;
  /** The section's, tag's or author's name: the title, and Open Graph's. */
  readonly name: string;
  readonly description: string;
  /** The surrogate keys of what the page is about; the cards' own are added. */
  readonly keys: readonly string[];
  readonly og?: Pick<OpenGraph, 'type' | 'image'>;
  /** The cards' pictures (`cardImagesFor`): their photos' keys go with the page. */
  readonly images: ReadonlyMap<string, CardImage>;
  readonly jsonLd?: object;
}

/** Renders and sends a list page: `children` above the pagination, inside the wide site layout. */
export function sendListPage(
  deps: Deps,
  reply: FastifyReply,
  settings: Settings,
  page: ListPage,
  children: ComponentChildren,
): FastifyReply {
  const { path, list, name, description } = page;
  surrogateKeys(reply, [...page.keys, ...cardKeys(list.articles, page.images)]);
  const head = pageHeadLinks(deps.config.publicUrl, { path, page: list.page, hasNext: list.hasNext });
  const html = renderDocument(
    <Layout
      settings={settings}
      now={deps.clock.now()}
      title={list.page > 1 ? `${name} (page ${list.page})` : name}
      description={description}
      {...head}
      wide
      og={{ type: 'website', title: name, description, url: head.canonical, ...page.og }}
      {...(page.jsonLd ? { jsonLd: page.jsonLd } : {})}
    >
      {children}
      <Pagination path={path} page={list.page} hasNext={list.hasNext} />
    </Layout>,
  );
  return reply.type('text/html; charset=utf-8').send(html);
}

/** The pictures of a list's cards: the lead photos' small variants (three queries). */
export function cardImagesFor(
  deps: Deps,
  articles: readonly ListedArticle[],
): Promise<Map<string, CardImage>> {
  return readerCardImages(
    deps.database.db,
    deps.config.mediaPublicUrl,
    articles.map((a) => a.id),
  );
}
