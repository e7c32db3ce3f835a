import { Type } from 'typebox';
import { DESCRIPTION_MAX, URL_MAX, WEBHOOK_EVENTS } from './webhook.js';

/** TypeBox schemas of the webhooks Admin API: request validation, response shaping and OpenAPI. */

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const WebhookEventSchema = Type.Enum(WEBHOOK_EVENTS);

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(WebhookEventSchema),
  description: Type.String(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  disabledAt: Nullable(Type.String()),
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  event: Type.String(),
  status: Type.Enum(['pending', 'delivered', 'failed']),
  attempts: Type.Integer(),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  /** The `data` sent (or to be sent) in the body. */
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const DeliveryParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  deliveryId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const DeliveryReply = Type.Object({ delivery: DeliverySchema });

/** Events are plain strings here so an unknown one gets WEBHOOK_INVALID naming it, not a schema error. */
export const NewWebhookBody = Type.Object(
  {
    url: Type.String({ maxLength: URL_MAX + 100 }),
    events: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
    description: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX + 100 })),
  },
  { additionalProperties: false },
);

export const NewWebhookReply = Type.Object({
  /** Signs every delivery; shown in this response only. */
  secret: Type.String(),
  webhook: WebhookSchema,
});

export const WebhookList = Type.Object({ webhooks: Type.Array(WebhookSchema) });
export const WebhookReply = Type.Object({ webhook: WebhookSchema });

export const DeliveryQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const DeliveryPage = Type.Object({
  items: Type.Array(DeliverySchema),
  nextCursor: Nullable(Type.String()),
});
