import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { type Clock, fixedClock } from '../../platform/clock.js';
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

describeEachDialect('webhooks API', (t) => {
  const asAdmin = async (env: Record<string, string> = {}, clock?: Clock) => {
    const { app, deps } = await buildTestApp(t.database, { env, ...(clock ? { clock } : {}) });
    const { headers } = await signedInAs(deps, 'admin');
    return { app, deps, headers };
  };

  it('registers a webhook, shows the secret once, lists and removes it', async () => {
    const { app, headers } = await asAdmin({ MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    const created = await app.inject({
      method: 'POST',
      url: BASE,
      headers,
      payload: {
        url: 'http://127.0.0.1:9/hooks#ignored',
        events: ['article.published', 'article.corrected', 'article.published'],
        description: '  Syndication partner ',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const body = created.json();
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(body.webhook).toMatchObject({
      url: 'http://127.0.0.1:9/hooks',
      events: ['article.published', 'article.corrected'],
      description: 'Syndication partner',
      createdAt: '2026-11-16T09:00:00.000Z',
      disabledAt: null,
    });
    expect(body.webhook.createdBy).toEqual(expect.any(String));

    const list = await app.inject({ method: 'GET', url: BASE, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().webhooks).toEqual([body.webhook]);
    expect(list.body).not.toContain(body.secret);

    const removed = await app.inject({ method: 'DELETE', url: `${BASE}/${body.webhook.id}`, headers });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().webhook.disabledAt).toBe('2026-11-16T09:00:00.000Z');
    const missing = await app.inject({ method: 'DELETE', url: `${BASE}/nope`, headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('WEBHOOK_NOT_FOUND');
  });

  it('refuses URLs that lead to private, loopback or link-local addresses by default', async () => {
    const { app, headers } = await asAdmin();
    const refused = [
      'http://127.0.0.1/hooks',
      'http://10.0.0.1/hooks',
      'http://[::1]/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
      'http://localhost:8080/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/', // 127.0.0.1 written as one number
      'http://0.0.0.0/',
      'http://100.64.0.1/',
      'http://[fd00::1]/',
    ];
    for (const url of refused) {
      const res = await app.inject({
        method: 'POST',
        url: BASE,
        headers,
        payload: { url, events: ['article.published'] },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error, url).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', details: { field: 'url' } });
    }
    for (const url of [
      'ftp://203.0.113.9/x',
      'file:///etc/passwd',
      'not a url',
      'https://user:pw@8.8.8.8/',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: BASE,
        headers,
        payload: { url, events: ['article.published'] },
      });
      expect(res.json().error, url).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', details: { field: 'url' } });
    }
    expect(await t.database.db.selectFrom('webhooks').select('id').execute()).toEqual([]);
  });

  it('says a name leads to a private address without telling which one', async () => {
    const { app, headers } = await asAdmin();
    const res = await app.inject({
      method: 'POST',
      url: BASE,
      headers,
      payload: { url: 'http://localhost:8080/hooks', events: ['article.published'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('WEBHOOK_URL_REFUSED');
    expect(res.json().error.message).toContain('localhost resolves to a private address');
    expect(res.json().error.message).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('refuses unknown or missing events and malformed bodies, naming the field', async () => {
    const { app, headers } = await asAdmin({ MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: 'true' });
    const post = (payload: unknown) =>
      app.inject({ method: 'POST', url: BASE, headers, payload: payload as object });
    const unknown = await post({
      url: 'http://127.0.0.1:9/',
      events: ['article.published', 'article.shredded'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'WEBHOOK_INVALID', details: { field: 'events' } });
    expect(unknown.json().error.message).toContain('article.shredded');
    const none = await post({ url: 'http://127.0.0.1:9/', events: [] });
    expect(none.json().error).toMatchObject({ code: 'WEBHOOK_INVALID', details: { field: 'events' } });
    const long = await post({
      url: 'http://127.0.0.1:9/',
      events: ['article.updated'],
      description: 'x'.repeat(501),
    });
    expect(long.json().error).toMatchObject({ code: 'WEBHOOK_INVALID', details: { field: 'description' } });
    const notArray = await post({ url: 'http://127.0.0.1:9/', events: { name: 'article.published' } });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().error.code).toBe('VALIDATION_FAILED');
    const noUrl = await post({ events: ['article.published'] });
    expect(noUrl.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await t.database.db.selectFrom('webhooks').select('id').execute()).toEqual([]);
  });

  it('needs an admin: 401 without sign-in, 403 for an editor or an editor token', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const anonymous = await app.inject({ method: 'GET', url: BASE });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    const editor = await signedInAs(deps, 'editor');
    const token = await apiToken(deps, 'editor');
    for (const headers of [editor.headers, token.headers]) {
      const list = await app.inject({ method: 'GET', url: BASE, headers });
      expect(list.statusCode).toBe(403);
      expect(list.json().error.code).toBe('FORBIDDEN');
      const create = await app.inject({
        method: 'POST',
        url: BASE,
        headers,
        payload: { url: 'https://8.8.8.8/', events: ['article.published'] },
      });
      expect(create.statusCode).toBe(403);
    }
    const adminToken = await apiToken(deps, 'admin');
    expect((await app.inject({ method: 'GET', url: BASE, headers: adminToken.headers })).statusCode).toBe(
      200,
    );
  });

  it('delivers to a real receiver that verifies the signature, and pages the delivery log', async () => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const { app, deps, headers } = await asAdmin({ MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: 'true' }, clock);
    let secret = '';
    const verdicts: boolean[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const timestamp = String(req.headers['x-masthead-timestamp']);
        const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
        const valid = req.headers['x-masthead-signature'] === expected;
        verdicts.push(valid);
        res.writeHead(valid ? 200 : 401).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const created = await app.inject({
      method: 'POST',
      url: BASE,
      headers,
      payload: { url: `http://127.0.0.1:${port}/masthead`, events: ['article.published', 'article.updated'] },
    });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
    const id = created.json().webhook.id;

    for (let i = 1; i <= 3; i++) {
      await queueWebhookEvent(deps.database.db, clock, 'article.published', { articleId: `a${i}` });
      clock.advance(1000);
    }
    await queueWebhookEvent(deps.database.db, clock, 'article.unpublished', { articleId: 'a1' });
    const worker = createJobWorker({
      ...deps,
      handlers: webhookJobs,
      logger: { info() {}, warn() {}, error() {} },
    });
    expect(await worker.runDue()).toBe(3);
    expect(verdicts).toEqual([true, true, true]);

    const first = await app.inject({ method: 'GET', url: `${BASE}/${id}/deliveries?limit=2`, headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((d: { data: { articleId: string } }) => d.data.articleId)).toEqual(['a3', 'a2']);
    expect(page1.items[0]).toMatchObject({
      webhookId: id,
      event: 'article.published',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await app.inject({
      method: 'GET',
      url: `${BASE}/${id}/deliveries?limit=2&cursor=${page1.nextCursor}`,
      headers,
    });
    expect(second.json().items.map((d: { data: { articleId: string } }) => d.data.articleId)).toEqual(['a1']);
    expect(second.json().nextCursor).toBeNull();

    const badCursor = await app.inject({
      method: 'GET',
      url: `${BASE}/${id}/deliveries?cursor=xyz`,
      headers,
    });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error).toMatchObject({ code: 'WEBHOOK_INVALID', details: { field: 'cursor' } });
    const badLimit = await app.inject({ method: 'GET', url: `${BASE}/${id}/deliveries?limit=1000`, headers });
    expect(badLimit.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await app.inject({ method: 'GET', url: `${BASE}/nope/deliveries`, headers });
    expect(unknown.statusCode).toBe(404);
  });
});
