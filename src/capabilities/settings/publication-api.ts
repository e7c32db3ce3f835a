import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { SettingsGuard } from './settings-api.js';
import { readSettings } from './settings-service.js';

/** The publication facts every staff member's tools need; nothing an admin alone should see. */
const PublicationJson = Type.Object({
  name: Type.String(),
  locale: Type.String({ description: 'BCP 47 tag, e.g. en-US.' }),
  timeZone: Type.String({ description: 'IANA name: the newsroom enters and reads times in it.' }),
  freeArticlesPerMonth: Type.Integer({ description: 'The wall: 0 means it is off.' }),
});

/**
 * GET /publication: the paper's name, locale, time zone and wall for anyone signed in to the newsroom, so
 * a reporter's schedule is entered in the paper's time and not their computer's. The guard comes from
 * app.ts, as for /settings (settings must not import staff).
 */
export const publicationApi: FastifyPluginAsyncTypebox<{ deps: Deps; requireStaff: SettingsGuard }> = async (
  app,
  { deps, requireStaff },
) => {
  const db = deps.database.db;
  app.get(
    '/publication',
    {
      schema: {
        tags: ['settings'],
        summary: "The paper's name, locale, time zone and wall, for every staff member",
        response: { 200: PublicationJson },
      },
    },
    async (request) => {
      requireStaff(request, 'read the publication');
      const settings = await readSettings(db);
      return {
        name: settings['publication.name'],
        locale: settings['publication.locale'],
        timeZone: settings['publication.timezone'],
        freeArticlesPerMonth: settings['wall.free_articles_per_month'],
      };
    },
  );
};
