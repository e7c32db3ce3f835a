import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { type Edge, startVarnish, varnishMissing } from '../../../test/support/edge.js';
import {
  cookieOf,
  type LiveEditor,
  liveUrl,
  openLive,
  paragraphText,
  typeAtEnd,
  until,
} from '../../../test/support/live-editor.js';

/**
 * Live co-editing behind the edge a production paper runs (deploy/varnish/masthead.vcl): the WebSocket
 * upgrade is piped through Varnish to the origin, and an editor there and one at the origin converge.
 */
const missing = varnishMissing();

describeEachDialect('live co-editing through the edge cache', (t) => {
  let app: FastifyInstance | undefined;
  let edge: Edge | undefined;
  const open: LiveEditor[] = [];
  afterEach(async () => {
    for (const live of open.splice(0)) await live.close();
    await app?.close();
    await edge?.stop();
    app = edge = undefined;
  });

  it.skipIf(missing !== null)('pipes the WebSocket upgrade to the origin', async () => {
    const built = await buildTestApp(t.database);
    app = built.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    edge = await startVarnish((app.server.address() as AddressInfo).port);
    const { headers } = await signedInAs(built.deps, 'editor');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/admin/v1/sections',
          headers,
          payload: { name: 'World' },
        })
      ).statusCode,
    ).toBe(201);
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers,
      payload: { headline: 'Harbour Reopens', section: 'world', bodyMarkdown: 'Ships queued at dawn.' },
    });
    const id = created.json().id as string;

    const atEdge = await openLive(`ws://127.0.0.1:${edge.port}/api/admin/v1/collab`, id, cookieOf(headers));
    open.push(atEdge);
    const atOrigin = await openLive(liveUrl(app), id, cookieOf(headers));
    open.push(atOrigin);
    typeAtEnd(atEdge.doc, 0, ' Through the edge.');
    await until(
      () => paragraphText(atOrigin.doc, 0) === 'Ships queued at dawn. Through the edge.',
      'the edit arrives',
    );
  });
});
