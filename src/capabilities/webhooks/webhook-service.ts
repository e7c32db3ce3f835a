import { randomBytes } from 'node:crypto';
import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { newId } from '../../platform/ids.js';
import { cancelJobs, enqueueJob } from '../../platform/jobs/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import {
  checkNewWebhook,
  type DeliveryStatus,
  isWebhookEvent,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
} from './webhook.js';
import { checkDestination, type DestinationOptions } from './webhook-destination.js';
import {
  deliveryNotFound,
  webhookInvalid,
  webhookNotFound,
  webhookRemoved,
  webhookUrlRefused,
} from './webhook-errors.js';
import {
  type DeliveryRow,
  findDeliveryRow,
  findWebhookRow,
  insertDelivery,
  insertWebhook,
  listActiveWebhookRows,
  listDeliveryRows,
  listWebhookRows,
  markWebhookDisabled,
  updateDelivery,
  type WebhookRow,
} from './webhook-repository.js';

/** The job kind that sends one delivery. */
export const DELIVER_JOB = 'webhook.deliver';
/** With the queue's backoff (30 s doubling), eight attempts span a little over an hour. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
const SECRET_PREFIX = 'whsec_';

/**
 * Registers a webhook after checking its URL, events and where its host resolves. Returns the
 * signing secret: this response is the only time it is shown. Admins and above.
 */
export async function createWebhook(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { url: string; events: readonly string[]; description?: string },
  destination: DestinationOptions,
): Promise<{ webhook: Webhook; secret: string }> {
  assertRole(actor, 'admin', 'manage webhooks');
  const check = checkNewWebhook(input);
  if (!check.ok) {
    throw check.reason === 'url_refused'
      ? webhookUrlRefused(check.message)
      : webhookInvalid(check.field, check.message);
  }
  const reach = await checkDestination(check.value.url, destination);
  if (!reach.ok) throw webhookUrlRefused(reach.message);

  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row: WebhookRow = {
    id: newId(clock.now().getTime()),
    url: check.value.url.href,
    events: JSON.stringify(check.value.events),
    secret,
    description: check.value.description,
    created_by: actor.staffId ?? actor.tokenId,
    created_at: isoTime(clock.now()),
    disabled_at: null,
  };
  await insertWebhook(db, row);
  return { webhook: toWebhook(row), secret };
}

export async function listWebhooks(db: Db, actor: Actor): Promise<Webhook[]> {
  assertRole(actor, 'admin', 'manage webhooks');
  return (await listWebhookRows(db)).map(toWebhook);
}

/**
 * Removes a webhook: nothing more is sent to it (deliveries still queued are dropped when their
 * turn comes) and its delivery log stays readable. Removing it again changes nothing.
 */
export async function removeWebhook(db: Db, clock: Clock, actor: Actor, id: string): Promise<Webhook> {
  assertRole(actor, 'admin', 'manage webhooks');
  await markWebhookDisabled(db, id, isoTime(clock.now()));
  const row = await findWebhookRow(db, id);
  if (!row) throw webhookNotFound(id);
  return toWebhook(row);
}

const PAGE = 20;

/** A webhook's deliveries, newest first, with an opaque cursor for the next page. */
export async function listDeliveries(
  db: Db,
  actor: Actor,
  webhookId: string,
  query: { cursor?: string; limit?: number },
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  assertRole(actor, 'admin', 'manage webhooks');
  if (!(await findWebhookRow(db, webhookId))) throw webhookNotFound(webhookId);
  const limit = query.limit ?? PAGE;
  const rows = await listDeliveryRows(db, webhookId, {
    after: query.cursor ? decodeCursor(query.cursor, (m) => webhookInvalid('cursor', m)) : undefined,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/**
 * Sends a delivery again, now (an admin's "Redeliver": the receiver was down, or lost it): the same
 * delivery id, so a receiver that keeps ids sees a repeat, with a fresh round of attempts. A delivery
 * waiting for its next retry goes at once instead. A removed webhook's deliveries are refused.
 * Call it inside one transaction: the delivery's state and its job go together.
 */
export async function redeliver(
  db: Db,
  clock: Clock,
  actor: Actor,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  assertRole(actor, 'admin', 'manage webhooks');
  const webhook = await findWebhookRow(db, webhookId);
  if (!webhook) throw webhookNotFound(webhookId);
  const row = await findDeliveryRow(db, webhookId, deliveryId);
  if (!row) throw deliveryNotFound(deliveryId);
  if (webhook.disabled_at !== null) throw webhookRemoved();
  await updateDelivery(db, row.id, { status: 'pending', delivered_at: null });
  const key = `${DELIVER_JOB}:${row.id}`;
  // A retry waiting for its backoff is replaced; one being sent right now is left to finish.
  await cancelJobs(db, key);
  await enqueueJob(db, clock, {
    kind: DELIVER_JOB,
    payload: { deliveryId: row.id },
    uniqueKey: key,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
  });
  return toDelivery({ ...row, status: 'pending', delivered_at: null });
}

/**
 * Records `event` for every active webhook that subscribed to it and queues one delivery job each.
 * Call it inside the transaction that made the change, so the deliveries exist exactly when the
 * change commits (never for a change that rolled back, never missing for one that committed).
 */
export async function queueWebhookEvent(
  db: Db,
  clock: Clock,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  if (!isWebhookEvent(event)) throw new Error(`"${event}" is not a webhook event.`);
  const payload = JSON.stringify(data);
  const createdAt = isoTime(clock.now());
  for (const webhook of await listActiveWebhookRows(db)) {
    if (!parseEvents(webhook.events).includes(event)) continue;
    const id = newId(clock.now().getTime());
    await insertDelivery(db, {
      id,
      webhook_id: webhook.id,
      event,
      payload,
      status: 'pending',
      attempts: 0,
      last_status_code: null,
      last_error: null,
      created_at: createdAt,
      delivered_at: null,
    });
    await enqueueJob(db, clock, {
      kind: DELIVER_JOB,
      payload: { deliveryId: id },
      uniqueKey: `${DELIVER_JOB}:${id}`,
      maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    });
  }
}

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: parseEvents(row.events),
    description: row.description,
    createdBy: row.created_by,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

export function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    data: JSON.parse(row.payload) as Record<string, unknown>,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** Stored event names this build no longer knows are ignored rather than sent. */
function parseEvents(text: string): WebhookEvent[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed)
    ? parsed.filter((e): e is WebhookEvent => typeof e === 'string' && isWebhookEvent(e))
    : [];
}
