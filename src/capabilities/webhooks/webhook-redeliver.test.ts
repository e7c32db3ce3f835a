import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { createJobWorker } from '../../platform/jobs/index.js';
import { queueWebhookEvent, webhookJobs } from './index.js';

const BASE = '/api/admin/v1/webhooks';
const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describeEachDialect('redelivering a webhook delivery (issue 16)', (t) => {
  it('sends a failed delivery again when asked, and refuses what cannot be redelivered', async () => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const env = { MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: 'true' };
    const { app, deps } = await buildTestApp(t.database, { env, clock });
    const { headers } = await signedInAs(deps, 'admin');
    let answer = 500;
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      received.push(String(req.headers['x-masthead-delivery']));
      req.resume();
      req.on('end', () => res.writeHead(answer).end());
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const created = await app.inject({
      method: 'POST',
      url: BASE,
      headers,
      payload: { url: `http://127.0.0.1:${port}/hook`, events: ['article.published'] },
    });
    const id = created.json().webhook.id;
    await queueWebhookEvent(deps.database.db, clock, 'article.published', { articleId: 'a1' });
    const worker = createJobWorker({
      ...deps,
      handlers: webhookJobs,
      logger: { info() {}, warn() {}, error() {} },
    });
    expect(await worker.runDue()).toBe(1);
    const log = async () => (await app.inject({ url: `${BASE}/${id}/deliveries`, headers })).json().items;
    const [failing] = await log();
    expect(failing).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });

    // Waiting for its retry (30 s away): redeliver sends it now instead.
    answer = 200;
    const redelivered = await app.inject({
      method: 'POST',
      url: `${BASE}/${id}/deliveries/${failing.id}/redeliver`,
      headers,
    });
    expect(redelivered.statusCode).toBe(202);
    expect(redelivered.json().delivery).toMatchObject({ id: failing.id, status: 'pending' });
    expect(await worker.runDue()).toBe(1);
    expect((await log())[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });

    // A delivered one can be sent again too (the receiver lost it): the same delivery id.
    const again = await app.inject({
      method: 'POST',
      url: `${BASE}/${id}/deliveries/${failing.id}/redeliver`,
      headers,
    });
    expect(again.statusCode).toBe(202);
    expect(await worker.runDue()).toBe(1);
    expect(received).toEqual([failing.id, failing.id, failing.id]);
    expect((await log())[0]).toMatchObject({ status: 'delivered', attempts: 3 });

    const missing = await app.inject({
      method: 'POST',
      url: `${BASE}/${id}/deliveries/nope/redeliver`,
      headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('DELIVERY_NOT_FOUND');
    const otherHook = await app.inject({
      method: 'POST',
      url: `${BASE}/nope/deliveries/${failing.id}/redeliver`,
      headers,
    });
    expect(otherHook.json().error.code).toBe('WEBHOOK_NOT_FOUND');
    const tooLong = await app.inject({
      method: 'POST',
      url: `${BASE}/${id}/deliveries/${'x'.repeat(65)}/redeliver`,
      headers,
    });
    expect(tooLong.statusCode).toBe(400);
    const editor = (await signedInAs(deps, 'editor')).headers;
    const refused = await app.inject({
      method: 'POST',
      url: `${BASE}/${id}/deliveries/${failing.id}/redeliver`,
      headers: editor,
    });
    expect(refused.statusCode).toBe(403);

    await app.inject({ method: 'DELETE', url: `${BASE}/${id}`, headers });
    const removed = await app.inject({
      method: 'POST',
      url: `${BASE}/${id}/deliveries/${failing.id}/redeliver`,
      headers,
    });
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error.code).toBe('WEBHOOK_REMOVED');
    expect(await worker.runDue()).toBe(0);
  });
});
