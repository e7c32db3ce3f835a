import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { openMediaStorage } from '../media/index.js';
import { requireActor } from '../staff/index.js';
import { removeDemoEdition } from './demo-removal.js';

const Names = Type.Array(Type.String());

export const DemoRemovalOut = Type.Object({
  removed: Type.Boolean({ description: 'False when there was no demo edition left to remove.' }),
  articles: Names,
  photos: Type.Integer(),
  sections: Names,
  tags: Names,
  authors: Names,
  kept: Type.Array(Type.String(), { description: 'What stayed because your own content uses it, and why.' }),
});

/** DELETE /demo: the newsroom's "remove the demo edition" button (admins and owners). */
export const demoApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const storage = openMediaStorage(deps.config);
  app.addHook('onClose', async () => storage.close());

  app.delete(
    '/demo',
    {
      schema: {
        tags: ['demo'],
        summary: 'Remove the demo edition; the owner account, legal documents and settings stay',
        response: { 200: DemoRemovalOut },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const removal = await removeDemoEdition({ db: deps.database.db, clock: deps.clock, storage }, actor);
      await deps.purges.sync();
      return removal
        ? { removed: true, ...removal }
        : { removed: false, articles: [], photos: 0, sections: [], tags: [], authors: [], kept: [] };
    },
  );
};
