import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { assertRole, requireActor } from '../staff/index.js';
import { checkConsentRange } from './consent.js';
import { consentRangeInvalid } from './consent-errors.js';
import { AUDIT_CSV_HEADER, presentAuditRow, presentReaderConsents } from './consent-presenter.js';
import { ConsentExportQuery, ReaderConsentsJson, ReaderParams } from './consent-schemas.js';
import { auditRows, readerConsents } from './consent-service.js';

const tags = ['consent'];

/** Staff routes: a reader's consent history (editors and above), the audit export (admins and above). */
export const consentApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const db = deps.database.db;

  app.get(
    '/readers/:readerId/consents',
    {
      schema: {
        tags,
        summary: "A reader's consent history, newest first, and the versions they must still accept",
        params: ReaderParams,
        response: { 200: ReaderConsentsJson },
      },
    },
    async (request, reply) => {
      assertRole(requireActor(request), 'editor', "see a reader's consent history");
      const { readerId } = request.params;
      const { history, pending } = await readerConsents(db, deps.clock, readerId);
      reply.header('cache-control', 'no-store');
      return presentReaderConsents(readerId, history, pending);
    },
  );

  app.get(
    '/consents.csv',
    {
      schema: {
        tags,
        summary: 'Every consent in the ledger, oldest first, as CSV for an audit',
        description:
          'Columns: consent_id, reader_id ("deleted" once the account is erased), subject_hash, ' +
          'document_kind, version, title, method, accepted_at, ip_hash. Cells that a spreadsheet ' +
          'would run as a formula start with an apostrophe.',
        querystring: ConsentExportQuery,
        produces: ['text/csv'],
        response: { 200: Type.Unsafe<Readable>({ type: 'string', description: 'RFC 4180 CSV, streamed.' }) },
      },
    },
    async (request, reply) => {
      assertRole(requireActor(request), 'admin', 'export the consent ledger');
      const range = checkConsentRange(request.query);
      if (!range.ok) throw consentRangeInvalid(range.field, range.message);
      const window = range.value;
      async function* lines() {
        yield AUDIT_CSV_HEADER;
        for await (const row of auditRows(db, window)) {
          yield presentAuditRow(row);
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="consents.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(lines()));
    },
  );
};
