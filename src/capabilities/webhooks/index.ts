export type { DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent } from './webhook.js';
export { isWebhookEvent, signDelivery, WEBHOOK_EVENTS } from './webhook.js';
export { webhookApi } from './webhook-api.js';
export { webhookJobs } from './webhook-delivery.js';
export { isPublicAddress } from './webhook-destination.js';
export { createWebhook, queueWebhookEvent } from './webhook-service.js';
