import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { requireActor } from '../staff/index.js';
import { presentSection } from './section-presenter.js';
import {
  NewSectionBody,
  SectionChangesBody,
  SectionJson,
  SectionListJson,
  SectionParams,
} from './section-schemas.js';
import { createSection, deleteSection, listSections, updateSection } from './section-service.js';

const tags = ['sections'];

/** /sections: any staff member reads the tree; editors and above change it. */
export const sectionApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { clock } = deps;
  const db = deps.database.db;

  app.get(
    '/sections',
    { schema: { tags, summary: 'Every section in tree order', response: { 200: SectionListJson } } },
    async (request) => {
      requireActor(request);
      return { sections: (await listSections(db)).map(presentSection) };
    },
  );

  app.post(
    '/sections',
    { schema: { tags, summary: 'Create a section', body: NewSectionBody, response: { 201: SectionJson } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const section = await inTransaction(db, (trx) => createSection(trx, clock, actor, request.body));
      return reply.code(201).send(presentSection(section));
    },
  );

  app.patch(
    '/sections/:id',
    {
      schema: {
        tags,
        summary:
          'Rename, re-slug, move or reorder a section, or hide its front page block; subsection paths follow',
        params: SectionParams,
        body: SectionChangesBody,
        response: { 200: SectionJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // A change the front page or a section page shows is live on the next request.
      const section = await writeThenPurge(deps, (trx) =>
        updateSection(trx, clock, actor, request.params.id, request.body),
      );
      return presentSection(section);
    },
  );

  app.delete(
    '/sections/:id',
    {
      schema: {
        tags,
        summary: 'Delete a section with no subsections and no articles',
        params: SectionParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteSection(db, actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
