import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { readSettings } from '../settings/index.js';
import { Layout } from '../site/index.js';

/** The front page. Until the newsroom has published anything it says so, and how to begin. */
export const homePages: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/', async (_request, reply) => {
    const settings = await readSettings(deps.database.db);
    const html = renderDocument(
      <Layout settings={settings} now={deps.clock.now()}>
        <h1 class="sans">{settings['publication.name']} has no articles yet</h1>
        <div class="notice sans">
          <p>The paper is empty. Articles will appear here as soon as the newsroom publishes them.</p>
          <p>
            To add the first article, staff use the newsroom tools on the server: run{' '}
            <code>npx masthead --help</code> in the Masthead folder to see them.
          </p>
        </div>
      </Layout>,
    );
    return reply.type('text/html; charset=utf-8').send(html);
  });
};
