import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { requireActor } from '../staff/index.js';
import { AuditListOut, AuditListQuery } from './audit-schemas.js';
import { listAuditEvents } from './audit-service.js';

/** GET /audit: the audit trail, newest first, for admins and owners (the newsroom's activity screen). */
export const auditApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'What staff did, newest first (admins and owners); filter by action, page by cursor',
        querystring: AuditListQuery,
        response: { 200: AuditListOut },
      },
    },
    async (request) => listAuditEvents(deps.database.db, requireActor(request), request.query),
  );
};
