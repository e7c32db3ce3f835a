import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { requireActor } from '../staff/index.js';
import { type LegalKind, legalStatus } from './legal.js';
import { presentLegalDocument, presentLegalOverview, presentLegalSummary } from './legal-presenter.js';
import {
  LegalDocumentJson,
  LegalKindParams,
  LegalOverviewJson,
  LegalVersionListJson,
  LegalVersionParams,
  NewLegalVersionBody,
} from './legal-schemas.js';
import {
  findCurrentLegalDocument,
  getLegalVersion,
  legalOverview,
  listLegalVersions,
  publishLegalVersion,
} from './legal-service.js';

const tags = ['legal'];

/** /legal: any staff member reads the Terms and Privacy Policy versions; admins and above publish new ones. */
export const legalApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { clock } = deps;
  const db = deps.database.db;

  /** Each version's status is told against the version in force now. */
  const inForce = async (kind: LegalKind, now: Date, database: Db = db) =>
    (await findCurrentLegalDocument(database, kind, now)) ?? null;

  app.get(
    '/legal',
    {
      schema: {
        tags,
        summary: 'The version of each legal document in force, the next one scheduled, and counts',
        response: { 200: LegalOverviewJson },
      },
    },
    async (request) => {
      requireActor(request);
      return presentLegalOverview(await legalOverview(db, clock.now()));
    },
  );

  app.get(
    '/legal/:kind/versions',
    {
      schema: {
        tags,
        summary: 'Every version of one legal document, newest first, without bodies',
        params: LegalKindParams,
        response: { 200: LegalVersionListJson },
      },
    },
    async (request) => {
      requireActor(request);
      const now = clock.now();
      const current = await inForce(request.params.kind, now);
      const versions = await listLegalVersions(db, request.params.kind);
      return {
        versions: versions.map((v) => presentLegalSummary(v, legalStatus(v, current, isoTime(now)))),
      };
    },
  );

  app.get(
    '/legal/:kind/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version of a legal document, with its body',
        params: LegalVersionParams,
        response: { 200: LegalDocumentJson },
      },
    },
    async (request) => {
      requireActor(request);
      const now = clock.now();
      const doc = await getLegalVersion(db, request.params.kind, request.params.version);
      const current = await inForce(request.params.kind, now);
      return presentLegalDocument(doc, legalStatus(doc, current, isoTime(now)));
    },
  );

  app.post(
    '/legal/:kind/versions',
    {
      schema: {
        tags,
        summary: 'Publish the next version; earlier versions are kept',
        params: LegalKindParams,
        body: NewLegalVersionBody,
        response: { 201: LegalDocumentJson },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { doc, current } = await inTransaction(db, async (trx) => {
        const doc = await publishLegalVersion(trx, clock, actor, request.params.kind, request.body);
        return { doc, current: await inForce(request.params.kind, clock.now(), trx) };
      });
      return reply.code(201).send(presentLegalDocument(doc, legalStatus(doc, current, doc.publishedAt)));
    },
  );
};
