import type { Static } from 'typebox';
import type { Webhook, WebhookDelivery } from './webhook.js';
import type { DeliverySchema, WebhookSchema } from './webhook-schemas.js';

/** Never the secret: it is shown once, by the create route, outside this shape. */
export function presentWebhook(webhook: Webhook): Static<typeof WebhookSchema> {
  return {
    id: webhook.id,
    url: webhook.url,
    events: [...webhook.events],
    description: webhook.description,
    createdBy: webhook.createdBy,
    createdAt: webhook.createdAt,
    disabledAt: webhook.disabledAt,
  };
}

export function presentDelivery(delivery: WebhookDelivery): Static<typeof DeliverySchema> {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    event: delivery.event,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    deliveredAt: delivery.deliveredAt,
    data: delivery.data,
  };
}
