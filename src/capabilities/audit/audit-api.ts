import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { checkDateRange } from '../../platform/date-range.js';
import { AppError } from '../../platform/http/errors.js';
import { requireActor } from '../staff/index.js';
import type { AuditAction, AuditFilter } from './audit.js';
import { AUDIT_CSV_HEADER, presentAuditCsvRow } from './audit-presenter.js';
import { AuditExportQuery, AuditListOut, AuditListQuery } from './audit-schemas.js';
import { exportAuditEvents, listAuditEvents } from './audit-service.js';

/** The query's filters, with its days read as a range (400 AUDIT_RANGE_INVALID naming the field). */
function filterOf(query: { action?: AuditAction; actor?: string; from?: string; to?: string }): AuditFilter {
  const range = checkDateRange(query);
  if (!range.ok) throw new AppError('AUDIT_RANGE_INVALID', 400, range.message, { field: range.field });
  return { action: query.action, staffId: query.actor, from: range.value.from, before: range.value.before };
}

/** The audit trail for admins and owners: the newsroom's Activity screen, and its CSV export. */
export const auditApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'What staff did, newest first (admins and owners); filter by actor, action and dates, page by cursor',
        querystring: AuditListQuery,
        response: { 200: AuditListOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { cursor, limit, ...filters } = request.query;
      return listAuditEvents(db, actor, { ...filterOf(filters), cursor, limit });
    },
  );

  app.get(
    '/audit.csv',
    {
      schema: {
        tags: ['audit'],
        summary: 'What staff did, oldest first, as CSV (admins and owners); the same filters as /audit',
        description:
          'Columns: at, staff_id, staff_name, staff_role, action, subject_kind, subject_id, summary. ' +
          'Names and roles are as they were at the time. Cells that a spreadsheet would run as a ' +
          'formula start with an apostrophe.',
        querystring: AuditExportQuery,
        produces: ['text/csv'],
        response: { 200: Type.Unsafe<Readable>({ type: 'string', description: 'RFC 4180 CSV, streamed.' }) },
      },
    },
    async (request, reply) => {
      const events = exportAuditEvents(db, requireActor(request), filterOf(request.query));
      async function* lines() {
        yield AUDIT_CSV_HEADER;
        for await (const event of events) yield presentAuditCsvRow(event);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="activity.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );
};
