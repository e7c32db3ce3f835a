import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { AppError } from '../../platform/http/errors.js';
import { defaultSettings } from '../settings/index.js';
import { basePathOf, type TdmReservation, tdmHeaders, tdmRepJson } from './crawler.js';
import { findEmbed, readTdmReservation, renderRobots, tdmReservationOf } from './crawler-service.js';
import { OembedJson, presentOembed } from './oembed-presenter.js';

/**
 * The `tdm-reservation` header on every reader response. Wrapped with fastify-plugin so the hook
 * covers the whole app; registered before the page cache, which keeps the header with each stored
 * page (settings changes purge every page, so a stored header never outlives its setting).
 */
export const tdmHeaderPlugin = fp<{ deps: Deps }>(
  async (app, { deps }) => {
    const tdm = tdmSource(deps);
    app.addHook('onSend', async (request, reply, payload) => {
      if (!isReaderRequest(request) || reply.hasHeader('tdm-reservation')) return payload;
      for (const [name, value] of Object.entries(tdmHeaders(await tdm()))) reply.header(name, value);
      return payload;
    });
  },
  { name: 'masthead-tdm-header' },
);

/** Crawler routes: robots.txt, /.well-known/tdmrep.json, /oembed. */
export const crawlerRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(crawlerPages, { deps });
  await app.register(oembedRoutes, { deps });
};

const crawlerPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;
  const { publicUrl } = deps.config;
  const tags = ['crawlers'];

  app.get(
    '/robots.txt',
    {
      schema: { tags, summary: 'robots.txt from settings', response: { 200: Type.String() } },
      config: { pageCache: true },
    },
    async (_request, reply) => {
      surrogateKeys(reply, [CacheKey.site]);
      return reply.type('text/plain; charset=utf-8').send(await renderRobots(db, publicUrl));
    },
  );

  app.get(
    '/.well-known/tdmrep.json',
    {
      schema: {
        tags,
        summary: 'Text and data mining reservation (W3C TDMRep)',
        response: {
          200: Type.Array(
            Type.Object({
              location: Type.String(),
              'tdm-reservation': Type.Union([Type.Literal(0), Type.Literal(1)]),
              'tdm-policy': Type.Optional(Type.String()),
            }),
          ),
        },
      },
      config: { pageCache: true },
    },
    async (_request, reply) => {
      surrogateKeys(reply, [CacheKey.site]);
      const rules = tdmRepJson(await readTdmReservation(db, publicUrl), basePathOf(publicUrl));
      return reply.type('application/json; charset=utf-8').send(rules);
    },
  );
};

const oembedRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // oEmbed consumers are programs that often send no Accept header; the one error handler answers
  // them in JSON, as the oEmbed spec expects, when asked for it.
  app.addHook('onRequest', async (request) => {
    request.headers.accept = 'application/json';
  });

  app.get(
    '/oembed',
    {
      schema: {
        tags: ['crawlers'],
        summary: 'oEmbed 1.0 for an article address (JSON only)',
        querystring: Type.Object({
          url: Type.String({ minLength: 1, maxLength: 2048 }),
          format: Type.Optional(Type.String({ maxLength: 20 })),
          maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        }),
        response: { 200: OembedJson },
      },
      config: { pageCache: true },
    },
    async (request, reply) => {
      const { url, format, maxwidth, maxheight } = request.query;
      if (format !== undefined && format !== 'json') {
        throw new AppError('OEMBED_FORMAT_UNSUPPORTED', 501, 'Only format=json is offered.', {
          field: 'format',
        });
      }
      const embed = await findEmbed(deps.database.db, deps.config.publicUrl, url);
      surrogateKeys(reply, [
        CacheKey.article(embed.articleId),
        ...embed.authors.map((a) => CacheKey.author(a.id)),
      ]);
      return reply
        .type('application/json; charset=utf-8')
        .send(presentOembed(embed, { maxwidth, maxheight }));
    },
  );
};

/**
 * The TDM reservation as settings say, read once and kept until a purge of `site` (every settings
 * change queues one, and other processes' changes arrive through the purge log): cached pages are
 * served without touching the database, and the header must not add a query to each of them. A
 * stored page keeps the header it was rendered with, so the value must be exactly as current as
 * the pages are.
 */
function tdmSource(deps: Deps): () => Promise<TdmReservation> {
  let current: Promise<TdmReservation> | null = null;
  deps.pageCache.onPurge((keys) => {
    if (keys.includes(CacheKey.site)) current = null;
  });
  return () => {
    current ??= readTdmReservation(deps.database.db, deps.config.publicUrl).catch(() => {
      // Settings that cannot be read fall back to the defaults, which reserve the rights; read again next time.
      current = null;
      return tdmReservationOf(defaultSettings(), deps.config.publicUrl);
    });
    return current;
  };
}

/** Staff JSON, the newsroom app and health probes are not reader content. */
function isReaderRequest(request: FastifyRequest): boolean {
  return !/^\/(api|admin|healthz|readyz)(\/|\?|$)/.test(request.url);
}
