import { isoTime } from '../../platform/clock.js';
import type { JobContext, JobHandler } from '../../platform/jobs/index.js';
import { signDelivery } from './webhook.js';
import { checkDestination, type Lookup } from './webhook-destination.js';
import { findDeliveryToSend, updateDelivery } from './webhook-repository.js';
import { postPinned, ReceiverTimeout } from './webhook-request.js';
import { DELIVER_JOB } from './webhook-service.js';

export interface DeliveryOptions {
  /** The operator's MASTHEAD_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** How long a receiver may take to answer; 10 s unless a test says otherwise. */
  timeoutMs?: number;
  lookup?: Lookup;
}

const TIMEOUT_MS = 10_000;
const USER_AGENT = 'Masthead-Webhooks/1';

/** Thrown so the job queue retries the delivery with backoff. */
class DeliveryFailed extends Error {
  override name = 'DeliveryFailed';
}

/**
 * Sends one delivery: POSTs `{ id, event, createdAt, data }`, signed, and records the attempt on
 * the delivery row. A 2xx answer delivers it; anything else throws so the job retries, and the
 * last allowed attempt marks the delivery failed. Safe to repeat: a delivered one is not resent.
 */
export async function sendDelivery(
  ctx: Pick<JobContext, 'db' | 'clock' | 'attempt' | 'maxAttempts'>,
  deliveryId: string,
  options: DeliveryOptions,
): Promise<void> {
  const { db, clock } = ctx;
  const delivery = await findDeliveryToSend(db, deliveryId);
  if (delivery?.status !== 'pending') return;
  if (delivery.disabled_at !== null) {
    await updateDelivery(db, delivery.id, {
      status: 'failed',
      last_error: 'The webhook was removed before this delivery was sent.',
    });
    return;
  }
  const attempts = delivery.attempts + 1;
  const final = ctx.attempt >= ctx.maxAttempts;
  const failed = async (statusCode: number | null, error: string, retry: boolean) => {
    const giveUp = final || !retry;
    await updateDelivery(db, delivery.id, {
      status: giveUp ? 'failed' : 'pending',
      attempts,
      last_status_code: statusCode,
      last_error: error,
    });
    // A refusal is final for this delivery, so the job ends quietly instead of retrying.
    if (retry) throw new DeliveryFailed(error);
  };

  const url = new URL(delivery.url);
  // The host was checked when the webhook was saved; its DNS may point elsewhere now. The address
  // checked here is the one connected to (with the operator's switch on, the check only resolves).
  const reach = await checkDestination(url, { allowPrivate: options.allowPrivate, lookup: options.lookup });
  if (!reach.ok) return failed(null, reach.message, reach.reason === 'unresolved');

  const body = JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    createdAt: delivery.created_at,
    data: JSON.parse(delivery.payload),
  });
  const timestamp = String(Math.floor(clock.now().getTime() / 1000));
  let response: { status: number; statusText: string };
  try {
    response = await postPinned({
      url,
      address: reach.addresses[0]!,
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'x-masthead-event': delivery.event,
        'x-masthead-delivery': delivery.id,
        'x-masthead-timestamp': timestamp,
        'x-masthead-signature': signDelivery(delivery.secret, timestamp, body),
      },
      body,
      timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
    });
  } catch (error) {
    return failed(null, describeSendError(error), true);
  }
  if (response.status >= 200 && response.status < 300) {
    await updateDelivery(db, delivery.id, {
      status: 'delivered',
      attempts,
      last_status_code: response.status,
      last_error: null,
      delivered_at: isoTime(clock.now()),
    });
    return;
  }
  const why =
    response.status >= 300 && response.status < 400
      ? `HTTP ${response.status}: redirects are not followed; give the final URL.`
      : `HTTP ${response.status} ${response.statusText}`.trim();
  return failed(response.status, why, true);
}

function describeSendError(error: unknown): string {
  if (error instanceof ReceiverTimeout) return error.message;
  // The network reason (ECONNREFUSED, ETIMEDOUT, a TLS failure) is in the code.
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** The webhooks capability's job handlers, for the worker (src/worker.ts). */
export const webhookJobs: Record<string, JobHandler> = {
  [DELIVER_JOB]: async (payload: { deliveryId: string }, ctx) =>
    sendDelivery(ctx, payload.deliveryId, { allowPrivate: ctx.config.webhooksAllowPrivate }),
};
