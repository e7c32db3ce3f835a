/** Webhooks: which newsroom events an integrator hears about, and how a delivery is signed. Pure domain. */
import { createHmac } from 'node:crypto';

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'article.corrected',
  /** The editors changed the top stories (their picks or their order). */
  'front_page.updated',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEvent[];
  readonly description: string;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly event: string;
  readonly data: Record<string, unknown>;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export const URL_MAX = 2048;
export const DESCRIPTION_MAX = 500;

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export interface NewWebhook {
  url: URL;
  events: WebhookEvent[];
  description: string;
}

export type WebhookCheck =
  | { ok: true; value: NewWebhook }
  | {
      ok: false;
      reason: 'url_refused' | 'invalid';
      field: 'url' | 'events' | 'description';
      message: string;
    };

/**
 * Checks what can be checked without the network: the URL's form and scheme, the events, the
 * description. Where the URL's host points is checked separately (webhook-destination.ts).
 */
export function checkNewWebhook(input: {
  url: string;
  events: readonly string[];
  description?: string;
}): WebhookCheck {
  const refuse = (message: string): WebhookCheck => ({
    ok: false,
    reason: 'url_refused',
    field: 'url',
    message,
  });
  const raw = input.url.trim();
  if (raw.length > URL_MAX) return refuse(`A webhook URL can have at most ${URL_MAX} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`"${raw}" is not a URL; give one like https://example.com/hooks/masthead.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(`A webhook URL must start with https:// or http://, not ${url.protocol}//.`);
  }
  // A password in the URL would be shown back in every webhook listing; the signature authenticates.
  if (url.username || url.password) {
    return refuse('A webhook URL cannot carry a user name or password; check the signature header instead.');
  }
  url.hash = '';

  const unknown = input.events.find((event) => !isWebhookEvent(event));
  if (unknown !== undefined) {
    return {
      ok: false,
      reason: 'invalid',
      field: 'events',
      message: `"${unknown}" is not an event. Events: ${WEBHOOK_EVENTS.join(', ')}.`,
    };
  }
  if (input.events.length === 0) {
    return { ok: false, reason: 'invalid', field: 'events', message: 'Choose at least one event to send.' };
  }
  const description = (input.description ?? '').trim();
  if (description.length > DESCRIPTION_MAX) {
    return {
      ok: false,
      reason: 'invalid',
      field: 'description',
      message: `A description can have at most ${DESCRIPTION_MAX} characters.`,
    };
  }
  const chosen = new Set(input.events);
  return { ok: true, value: { url, events: WEBHOOK_EVENTS.filter((e) => chosen.has(e)), description } };
}

/**
 * The signature a receiver recomputes: hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the
 * webhook's secret. The timestamp inside the signed text lets receivers refuse old replays.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
