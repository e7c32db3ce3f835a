import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type TObject, type TString, Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { surrogateKeys } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { FEED_CONTENT_TYPES, isFeedFormat } from './feed.js';
import { buildFeed, type FeedScope, writeFeed } from './feed-service.js';

/**
 * Section feeds sit below section pages of any depth ("/section/world/europe/feed.xml"). The router
 * cannot put a wildcard before "/feed.xml", so one route per depth is registered, up to this one.
 */
export const MAX_SECTION_FEED_DEPTH = 6;

const Segment = Type.String({ minLength: 1, maxLength: 100 });
const Format = Type.String({
  maxLength: 100,
  description: 'xml (RSS 2.0), atom (Atom 1.0) or json (JSON Feed 1.1)',
});
const FeedText = Type.String({ description: 'The feed document' });
const tags = ['feeds'];

/**
 * Reader feeds: /feed.{xml,atom,json} for the whole paper, the same under /section/<path>/ and
 * /by/<slug>/, and /corrections/feed.{xml,atom,json}. Cached pages, anonymous, keyed by URL.
 */
export const feedRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  async function send(reply: FastifyReply, scope: FeedScope, format: string) {
    if (!isFeedFormat(format)) throw notFound('That feed', { format });
    const { channel, cacheKeys } = await buildFeed(
      deps.database.db,
      deps.config.publicUrl,
      deps.clock.now(),
      scope,
    );
    surrogateKeys(reply, cacheKeys);
    return reply.type(FEED_CONTENT_TYPES[format]).send(writeFeed(channel, format));
  }

  const route = <P extends TObject>(summary: string, params: P) => ({
    schema: { tags, summary, params, response: { 200: FeedText } },
    config: { pageCache: true },
  });

  app.get(
    '/feed.:format',
    route('Newest articles of the whole paper', Type.Object({ format: Format })),
    async (request, reply) => send(reply, { kind: 'site' }, request.params.format),
  );

  app.get(
    '/corrections/feed.:format',
    route('Newest corrections and clarifications', Type.Object({ format: Format })),
    async (request, reply) => send(reply, { kind: 'corrections' }, request.params.format),
  );

  app.get(
    '/by/:slug/feed.:format',
    route("Newest articles in an author's byline", Type.Object({ slug: Segment, format: Format })),
    async (request, reply) =>
      send(reply, { kind: 'author', slug: request.params.slug }, request.params.format),
  );

  for (let depth = 1; depth <= MAX_SECTION_FEED_DEPTH; depth++) {
    const names = Array.from({ length: depth }, (_, i) => `s${i + 1}`);
    const params = Type.Object({
      ...(Object.fromEntries(names.map((name) => [name, Segment])) as Record<string, TString>),
      format: Format,
    });
    app.get(
      `/section/${names.map((name) => `:${name}`).join('/')}/feed.:format`,
      route('Newest articles of a section and its subsections', params),
      async (request, reply) => {
        const values = request.params as Record<string, string>;
        const path = names.map((name) => values[name] ?? '').join('/');
        return send(reply, { kind: 'section', path }, values.format ?? '');
      },
    );
  }
};
