import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { pendingMigrations } from '../../platform/database/migrator.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

/**
 * /healthz: the process answers (for a restart-on-failure supervisor).
 * /readyz: the database answers, every migration is applied and writes can succeed (room on the
 * disk), for a load balancer.
 */
export const healthApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/healthz', { schema: { response: { 200: Health } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' as const };
  });

  app.get('/readyz', { schema: { response: { 200: Health, 503: Health } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const checks: Record<string, string> = {};
    let ready = true;
    try {
      await sql`select 1`.execute(deps.database.db);
      checks.database = 'ok';
      const pending = await pendingMigrations(deps.database.db);
      checks.migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
      ready = pending.length === 0;
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      checks.database = 'unreachable';
      ready = false;
    }
    checks.storage = deps.writeHealth.check();
    if (checks.storage !== 'ok') ready = false;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  });
};
