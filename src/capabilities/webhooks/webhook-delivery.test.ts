import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { type Config, loadConfig } from '../../config.js';
import { fixedClock } from '../../platform/clock.js';
import { createJobWorker, findJob } from '../../platform/jobs/index.js';
import type { Actor } from '../staff/index.js';
import { sendDelivery, webhookJobs } from './webhook-delivery.js';
import type { Lookup } from './webhook-destination.js';
import { createWebhook, queueWebhookEvent, removeWebhook } from './webhook-service.js';

const admin: Actor = { staffId: 'staff-1', tokenId: null, name: 'Ada Admin', role: 'admin' };
const quiet = { info() {}, warn() {}, error() {} };

function configWith(allowPrivate: boolean): Config {
  const loaded = loadConfig({ MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: String(allowPrivate) });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on 127.0.0.1 that answers with the given statuses in turn (the last repeats). */
async function startReceiver(
  statuses: number[],
  options: { hang?: boolean; location?: string; host?: string; port?: number } = {},
) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (options.hang) return;
      const status = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      if (options.location) res.setHeader('location', options.location);
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}/hooks`, received };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describeEachDialect('webhook deliveries', (t) => {
  const setup = (options: { allowPrivate?: boolean } = {}) => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const config = configWith(options.allowPrivate ?? true);
    const worker = createJobWorker({
      database: t.database,
      clock,
      config,
      handlers: webhookJobs,
      logger: quiet,
    });
    return { clock, worker, db: t.database.db };
  };
  const deliveries = () =>
    t.database.db.selectFrom('webhook_deliveries').selectAll().orderBy('created_at').orderBy('id').execute();

  it('queues one delivery per active subscribed webhook, inside the caller transaction', async () => {
    const { clock, db } = setup();
    const open = { allowPrivate: true };
    const published = await createWebhook(
      db,
      clock,
      admin,
      { url: 'http://127.0.0.1:9/a', events: ['article.published'] },
      open,
    );
    const both = await createWebhook(
      db,
      clock,
      admin,
      { url: 'http://127.0.0.1:9/b', events: ['article.corrected', 'article.published'] },
      open,
    );
    await createWebhook(
      db,
      clock,
      admin,
      { url: 'http://127.0.0.1:9/c', events: ['article.unpublished'] },
      open,
    );
    const removed = await createWebhook(
      db,
      clock,
      admin,
      { url: 'http://127.0.0.1:9/d', events: ['article.published'] },
      open,
    );
    await removeWebhook(db, clock, admin, removed.webhook.id);

    await db
      .transaction()
      .execute((trx) => queueWebhookEvent(trx, clock, 'article.published', { articleId: 'a1' }));
    const rows = await deliveries();
    expect(rows.map((r) => r.webhook_id).sort()).toEqual([published.webhook.id, both.webhook.id].sort());
    expect(rows[0]).toMatchObject({ event: 'article.published', status: 'pending', attempts: 0 });
    expect(JSON.parse(rows[0]!.payload)).toEqual({ articleId: 'a1' });
    const jobs = await db.selectFrom('jobs').selectAll().execute();
    expect(jobs.map((j) => JSON.parse(j.payload).deliveryId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(jobs[0]).toMatchObject({ kind: 'webhook.deliver', max_attempts: 8 });

    // The change that caused the event rolled back: no delivery, no job.
    await expect(
      db.transaction().execute(async (trx) => {
        await queueWebhookEvent(trx, clock, 'article.corrected', { articleId: 'a1' });
        throw new Error('the correction failed to save');
      }),
    ).rejects.toThrow('failed to save');
    expect(await deliveries()).toHaveLength(2);
    await expect(queueWebhookEvent(db, clock, 'article.exploded' as 'article.published', {})).rejects.toThrow(
      'not a webhook event',
    );
  });

  it('sends a signed body a receiver can verify, and records the delivery', async () => {
    const { clock, worker, db } = setup();
    const receiver = await startReceiver([204]);
    const { webhook, secret } = await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url, events: ['article.published'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.published', {
      articleId: 'a1',
      headline: 'Alliance Chief Visits',
    });
    expect(await worker.runDue()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const [delivery] = await deliveries();
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-masthead-event': 'article.published',
      'x-masthead-delivery': delivery!.id,
      'x-masthead-timestamp': String(Date.parse('2026-11-16T09:00:00Z') / 1000),
    });
    // What a receiver does: recompute the HMAC over "<timestamp>.<raw body>" with its secret.
    const expected = createHmac('sha256', secret)
      .update(`${request!.headers['x-masthead-timestamp']}.${request!.body}`)
      .digest('hex');
    expect(request!.headers['x-masthead-signature']).toBe(`sha256=${expected}`);
    const wrongKey = createHmac('sha256', 'whsec_other').update(
      `${request!.headers['x-masthead-timestamp']}.${request!.body}`,
    );
    expect(request!.headers['x-masthead-signature']).not.toBe(`sha256=${wrongKey.digest('hex')}`);
    expect(JSON.parse(request!.body)).toEqual({
      id: delivery!.id,
      event: 'article.published',
      createdAt: '2026-11-16T09:00:00.000Z',
      data: { articleId: 'a1', headline: 'Alliance Chief Visits' },
    });
    expect(delivery).toMatchObject({
      webhook_id: webhook.id,
      status: 'delivered',
      attempts: 1,
      last_status_code: 204,
      last_error: null,
      delivered_at: '2026-11-16T09:00:00.000Z',
    });
  });

  it('retries after a 500 with backoff, then delivers', async () => {
    const { clock, worker, db } = setup();
    const receiver = await startReceiver([500, 200]);
    await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url, events: ['article.updated'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.updated', { articleId: 'a1' });

    expect(await worker.runDue()).toBe(1);
    let [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500 });
    expect(delivery!.last_error).toContain('HTTP 500');
    const [job] = await db.selectFrom('jobs').selectAll().execute();
    expect(job).toMatchObject({ status: 'queued', run_at: '2026-11-16T09:00:30.000Z' });

    expect(await worker.runDue()).toBe(0);
    clock.advance(30_000);
    expect(await worker.runDue()).toBe(1);
    [delivery] = await deliveries();
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 2,
      last_status_code: 200,
      last_error: null,
    });
    expect(receiver.received).toHaveLength(2);
    // The same delivery id both times, so a receiver can drop the duplicate.
    expect(new Set(receiver.received.map((r) => r.headers['x-masthead-delivery'])).size).toBe(1);
    expect(await findJob(db, job!.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('marks the delivery failed after the last attempt', async () => {
    const { clock, worker, db } = setup();
    const receiver = await startReceiver([503]);
    await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url, events: ['article.updated'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.updated', { articleId: 'a1' });
    for (let i = 0; i < 8; i++) {
      expect(await worker.runDue()).toBe(1);
      clock.advance(3_600_000);
    }
    expect(await worker.runDue()).toBe(0);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, last_status_code: 503 });
    expect(receiver.received).toHaveLength(8);
    const [job] = await db.selectFrom('jobs').selectAll().execute();
    expect(job).toMatchObject({ status: 'failed', attempts: 8 });
  });

  it('does not follow a redirect (it could lead anywhere the check never saw)', async () => {
    const { clock, worker, db } = setup();
    const target = await startReceiver([200]);
    const redirecting = await startReceiver([302], { location: target.url });
    await createWebhook(
      db,
      clock,
      admin,
      { url: redirecting.url, events: ['article.published'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    expect(await worker.runDue()).toBe(1);
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 302 });
    expect(delivery!.last_error).toContain('redirects are not followed');
  });

  it('records a timeout as a failed attempt', async () => {
    const { clock, db } = setup();
    const hanging = await startReceiver([200], { hang: true });
    await createWebhook(
      db,
      clock,
      admin,
      { url: hanging.url, events: ['article.published'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    const [delivery] = await deliveries();
    await expect(
      sendDelivery({ db, clock, attempt: 1, maxAttempts: 8 }, delivery!.id, {
        allowPrivate: true,
        timeoutMs: 150,
      }),
    ).rejects.toThrow('No answer within 0.15 s');
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
  });

  it("follows the operator's switch at delivery time: private addresses refused once it is off", async () => {
    const { clock, db } = setup();
    const receiver = await startReceiver([200]);
    await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url, events: ['article.published'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    const strict = setup({ allowPrivate: false });
    expect(await strict.worker.runDue()).toBe(1);
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery!.last_error).toContain('127.0.0.1');
  });

  it('re-checks the destination before sending: a host now resolving inside is refused, nothing sent', async () => {
    const { clock, db } = setup();
    const receiver = await startReceiver([200]);
    const publicThenPrivate: Lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url.replace('127.0.0.1', 'hooks.example.com'), events: ['article.published'] },
      { allowPrivate: false, lookup: async () => [{ address: '93.184.215.14', family: 4 }] },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    const [delivery] = await deliveries();
    await sendDelivery({ db, clock, attempt: 1, maxAttempts: 8 }, delivery!.id, {
      allowPrivate: false,
      lookup: publicThenPrivate,
    });
    expect(receiver.received).toHaveLength(0);
    const [after] = await deliveries();
    expect(after).toMatchObject({ status: 'failed', attempts: 1 });
    expect(after!.last_error).toContain('a private address');
  });

  it('connects to the address it checked: a name that changes its answer after the check is not followed', async () => {
    const { clock, db } = setup();
    const checked = await startReceiver([200]);
    const port = new URL(checked.url).port;
    // A second receiver on the same port at another loopback address: where a fresh look-up would lead.
    const elsewhere = await startReceiver([200], { host: '127.0.0.2', port: Number(port) });
    let lookups = 0;
    const rebinding: Lookup = async () => [
      { address: lookups++ === 0 ? '127.0.0.1' : '127.0.0.2', family: 4 },
    ];
    const url = `http://hooks.masthead.test:${port}/hooks`;
    await createWebhook(
      db,
      clock,
      admin,
      { url, events: ['article.published'] },
      { allowPrivate: true, lookup: async () => [{ address: '127.0.0.1', family: 4 }] },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    const [delivery] = await deliveries();
    await sendDelivery({ db, clock, attempt: 1, maxAttempts: 8 }, delivery!.id, {
      allowPrivate: true,
      lookup: rebinding,
    });
    expect(lookups).toBe(1);
    expect(checked.received).toHaveLength(1);
    expect(checked.received[0]!.headers.host).toBe(`hooks.masthead.test:${port}`);
    expect(elsewhere.received).toHaveLength(0);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', last_status_code: 200 });
  });

  it('never resolves a checked public name again: a rebinding to a private address is not reached', async () => {
    const { clock, db } = setup({ allowPrivate: false });
    const inside = await startReceiver([200]);
    const port = new URL(inside.url).port;
    let lookups = 0;
    const rebinding: Lookup = async () => [
      { address: lookups++ === 0 ? '93.184.215.14' : '127.0.0.1', family: 4 },
    ];
    await createWebhook(
      db,
      clock,
      admin,
      { url: `http://hooks.masthead.test:${port}/hooks`, events: ['article.published'] },
      { allowPrivate: false, lookup: async () => [{ address: '93.184.215.14', family: 4 }] },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    const [delivery] = await deliveries();
    await expect(
      sendDelivery({ db, clock, attempt: 1, maxAttempts: 8 }, delivery!.id, {
        allowPrivate: false,
        lookup: rebinding,
        timeoutMs: 300,
      }),
    ).rejects.toThrow();
    expect(lookups).toBe(1);
    expect(inside.received).toHaveLength(0);
    expect((await deliveries())[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('drops a queued delivery whose webhook was removed, and never resends a delivered one', async () => {
    const { clock, worker, db } = setup();
    const receiver = await startReceiver([200]);
    const kept = await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url, events: ['article.published'] },
      { allowPrivate: true },
    );
    const gone = await createWebhook(
      db,
      clock,
      admin,
      { url: receiver.url, events: ['article.published'] },
      { allowPrivate: true },
    );
    await queueWebhookEvent(db, clock, 'article.published', { articleId: 'a1' });
    await removeWebhook(db, clock, admin, gone.webhook.id);
    expect(await worker.runDue()).toBe(2);
    expect(receiver.received).toHaveLength(1);
    const rows = await deliveries();
    expect(rows.find((r) => r.webhook_id === gone.webhook.id)).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('removed'),
    });
    const sent = rows.find((r) => r.webhook_id === kept.webhook.id)!;
    expect(sent.status).toBe('delivered');

    await sendDelivery({ db, clock, attempt: 2, maxAttempts: 8 }, sent.id, { allowPrivate: true });
    expect(receiver.received).toHaveLength(1);
  });
});
