import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { articleApi } from './capabilities/articles/index.js';
import { authorApi } from './capabilities/authors/index.js';
import { healthApi } from './capabilities/health/index.js';
import { homePages } from './capabilities/home/index.js';
import { legalApi } from './capabilities/legal/index.js';
import { sectionApi } from './capabilities/sections/index.js';
import { settingsApi } from './capabilities/settings/index.js';
import { siteErrorPage } from './capabilities/site/index.js';
import { staffApi, staffAuth } from './capabilities/staff/index.js';
import { tagApi } from './capabilities/tags/index.js';
import { webhookApi } from './capabilities/webhooks/index.js';
import type { Deps } from './deps.js';
import { installErrorHandling } from './platform/http/error-handler.js';

export interface AppOptions {
  /** A pino logger (main.ts) or false (tests keep quiet). */
  logger: FastifyBaseLogger | false;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The map of the web role: shared infrastructure first, then each capability as its own plugin.
 * It never listens, so tests drive it with app.inject().
 */
export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Keep a proxy's request id when it is sane, so one id follows a request through every log.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app, siteErrorPage(deps));

  await app.register(healthApi, { deps });
  await app.register(homePages, { deps });

  // The Admin API: one child context, so staff authentication covers exactly these routes.
  await app.register(
    async (admin) => {
      await admin.register(staffAuth, { deps });
      await admin.register(staffApi, { deps });
      await admin.register(settingsApi, { deps });
      await admin.register(sectionApi, { deps });
      await admin.register(tagApi, { deps });
      await admin.register(authorApi, { deps });
      await admin.register(legalApi, { deps });
      await admin.register(webhookApi, { deps });
      await admin.register(articleApi, { deps });
    },
    { prefix: '/api/admin/v1' },
  );

  return app;
}
