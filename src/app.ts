import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { accountPages, consentPages, readerAdminApi } from './capabilities/accounts/index.js';
import { articleApi, articlePhotoRights } from './capabilities/articles/index.js';
import { auditApi, recordAuditEvent } from './capabilities/audit/index.js';
import { authorApi } from './capabilities/authors/index.js';
import {
  type LiveDocumentOptions,
  liveDocumentSocket,
  liveDocuments,
} from './capabilities/coediting/index.js';
import { commentApi } from './capabilities/comments/index.js';
import { consentApi } from './capabilities/consent/index.js';
import { crawlerRoutes, tdmHeaderPlugin } from './capabilities/crawlers/index.js';
import { demoApi } from './capabilities/demo/index.js';
import { feedRoutes } from './capabilities/feeds/index.js';
import { frontPageApi } from './capabilities/front-page/index.js';
import { healthApi, pageCacheApi } from './capabilities/health/index.js';
import { legalApi } from './capabilities/legal/index.js';
import { mediaApi, mediaFiles } from './capabilities/media/index.js';
import { newsroomAppFiles } from './capabilities/newsroom-app/index.js';
import { sectionApi } from './capabilities/sections/index.js';
import { publicationApi, settingsApi } from './capabilities/settings/index.js';
import { siteErrorPage } from './capabilities/site/index.js';
import { sitemapRoutes } from './capabilities/sitemaps/index.js';
import { requireActor, requireRole, staffApi, staffAuth } from './capabilities/staff/index.js';
import { tagApi } from './capabilities/tags/index.js';
import { wallPlugin } from './capabilities/wall/index.js';
import { webhookApi } from './capabilities/webhooks/index.js';
import type { Deps } from './deps.js';
import { canonicalHostPlugin, frontDoorHostCheck } from './platform/http/canonical-host.js';
import { trustedProxies } from './platform/http/client-address.js';
import { installErrorHandling, sendRouterNotFound } from './platform/http/error-handler.js';
import { frontDoor } from './platform/http/front-door.js';
import { installNulGuard } from './platform/http/nul-guard.js';
import { pageCachePlugin, type VariantResolver } from './platform/http/page-cache-plugin.js';
import { requestIdOf } from './platform/http/request-id.js';
import { securityHeadersPlugin, setSecurityHeaders } from './platform/http/security-headers.js';
import { refuseUnknownBodyFields } from './platform/http/strict-bodies.js';
import {
  articlePages,
  authorPages,
  homePages,
  legalPages,
  previewApi,
  searchPages,
  sectionPages,
  tagPages,
} from './reader/index.js';

export interface AppOptions {
  /** A pino logger (main.ts) or false (tests keep quiet). */
  logger: FastifyBaseLogger | false;
  /** How live documents are stored and shared (tests shorten the waits and name their own Redis keys). */
  live?: LiveDocumentOptions;
}

/**
 * The map of the web role: shared infrastructure first, then the capabilities' Admin API, then the reader
 * site (src/reader's pages, what machines read, the accounts' pages).
 * It never listens, so tests drive it with app.inject().
 */
export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  // The page cache's resolvers, shared by the front door and the page cache plugin.
  const resolvers = new Map<string, VariantResolver>();
  let closing = false;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Cached pages are answered before Fastify sees the request (ADR 0011).
    serverFactory: frontDoor({
      cache: deps.pageCache,
      resolvers,
      logger: options.logger,
      closing: () => closing,
      atPublicHost: frontDoorHostCheck(deps.config.publicUrl, deps.config.trustProxy !== false),
    }),
    // Keep a proxy's request id when it is sane, so one id follows a request through every log.
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    // Behind a proxy the operator names (TRUST_PROXY), request.ip is the reader's address, which the
    // per-address rate limits and the consent ledger's hashed address depend on.
    trustProxy: trustedProxies(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    // A field a schema does not allow is refused, never dropped without a word (issue 12).
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A URL the router cannot take (too long, malformed) is a page that does not exist, not a 4xx in JSON.
    frameworkErrors: (_error, request, reply) => {
      // Answered outside every hook, so the security headers are put on here.
      setSecurityHeaders(reply);
      void sendRouterNotFound(request, reply, siteErrorPage(deps));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('preClose', async () => {
    closing = true;
  });
  // Live co-editing (ADR 0031): the articles' shared documents, their WebSocket and the Admin API's merges.
  const live = liveDocuments(deps, app.log, options.live);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app, siteErrorPage(deps), deps.writeHealth);
  installNulGuard(app);
  // First: every later hook's response, and every page the cache stores, carries them.
  await app.register(securityHeadersPlugin);
  // Before the page cache: no page, stored or not, is answered at another host than PUBLIC_URL's.
  await app.register(canonicalHostPlugin, {
    publicUrl: deps.config.publicUrl,
    dataDir: deps.config.dataDir,
    clock: deps.clock,
  });
  // Reader forms post url-encoded bodies and work without JavaScript; sessions ride on cookies.
  await app.register(cookie);
  await app.register(formbody);
  // Before the page cache: a stored page keeps the headers set so far, and this one is on every reader page.
  await app.register(tdmHeaderPlugin, { deps });
  await app.register(pageCachePlugin, { cache: deps.pageCache, resolvers });
  await app.register(wallPlugin, { deps });

  await app.register(healthApi, { deps });
  await app.register(liveDocumentSocket, { deps, live });

  // The Admin API: one child context, so staff authentication covers exactly these routes.
  await app.register(
    async (admin) => {
      // The OpenAPI document describes exactly the routes registered in this context.
      await admin.register(swagger, {
        openapi: {
          info: {
            title: 'Masthead Admin API',
            version: '1',
            description:
              'The newsroom API. Errors are {error:{code,message,details}}; lists page with cursors.',
          },
          components: {
            securitySchemes: {
              token: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin.' },
              session: {
                type: 'apiKey',
                in: 'cookie',
                name: 'masthead_staff',
                description: 'Staff session; writes also need x-csrf-token.',
              },
            },
          },
          security: [{ token: [] }, { session: [] }],
        },
      });
      admin.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
        admin.swagger(),
      );
      refuseUnknownBodyFields(admin);
      await admin.register(staffAuth, { deps });
      // The live documents' code loads with staff's first requests, so the first story opened finds it ready.
      admin.addHook('onRequest', async () => live.warm());
      // Staff changes go to the audit trail, which reads the staff capability's actor (no import circle).
      await admin.register(staffApi, { deps, recordAudit: recordAuditEvent });
      await admin.register(settingsApi, {
        deps,
        requireAdmin: (request, action) => requireRole(request, 'admin', action),
        recordChange: (trx, request, change) =>
          recordAuditEvent(trx, deps.clock, requireActor(request), {
            action: 'settings.changed',
            subject: { kind: 'settings', id: 'publication' },
            ...change,
          }),
      });
      // The paper's name, locale and time zone: every staff member's dates are in the paper's zone.
      await admin.register(publicationApi, { deps, requireStaff: (request) => requireActor(request) });
      await admin.register(sectionApi, { deps });
      await admin.register(tagApi, { deps });
      await admin.register(authorApi, { deps });
      await admin.register(legalApi, { deps });
      await admin.register(webhookApi, { deps });
      // Rights on a photo follow rights on the articles it runs in (ADR 0014).
      await admin.register(mediaApi, { deps, photoRights: articlePhotoRights });
      await admin.register(articleApi, { deps, live: live.hooks });
      // Staff comments on a passage (ADR 0034): outside the article's document, never on the reader site.
      // A comment's change reaches the editors in the article at once; others see it on their next poll.
      await admin.register(commentApi, {
        deps,
        onCommentsChanged: (articleId) => live.announce(articleId, { type: 'comments-changed' }),
      });
      // The reader's page for unsaved fields: reader code, so it lives in src/reader, yet staff-only here.
      await admin.register(previewApi, { deps });
      await admin.register(consentApi, { deps });
      await admin.register(readerAdminApi, { deps });
      await admin.register(frontPageApi, { deps });
      await admin.register(auditApi, { deps });
      await admin.register(demoApi, { deps });
      await admin.register(pageCacheApi, {
        deps,
        requireAdmin: (request, action) => requireRole(request, 'admin', action),
      });
    },
    { prefix: '/api/admin/v1' },
  );

  // The reader site: HTML pages, then what machines read (feeds, sitemaps, robots, oEmbed).
  await app.register(homePages, { deps });
  await app.register(articlePages, { deps });
  await app.register(sectionPages, { deps });
  await app.register(tagPages, { deps });
  await app.register(authorPages, { deps });
  await app.register(legalPages, { deps });
  await app.register(searchPages, { deps });
  await app.register(feedRoutes, { deps });
  await app.register(sitemapRoutes, { deps });
  await app.register(crawlerRoutes, { deps });
  await app.register(mediaFiles, { deps });
  // Reader accounts: sign-up, sign-in, the account page, and the re-consent prompt.
  await app.register(accountPages, { deps });
  await app.register(consentPages, { deps });
  // The newsroom browser app: static files that talk to the Admin API above.
  await app.register(newsroomAppFiles);

  return app;
}
