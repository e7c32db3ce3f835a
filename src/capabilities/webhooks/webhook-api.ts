import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { requireActor } from '../staff/index.js';
import { presentDelivery, presentWebhook } from './webhook-presenter.js';
import {
  DeliveryPage,
  DeliveryParams,
  DeliveryQuery,
  DeliveryReply,
  IdParams,
  NewWebhookBody,
  NewWebhookReply,
  WebhookList,
  WebhookReply,
} from './webhook-schemas.js';
import { createWebhook, listDeliveries, listWebhooks, redeliver, removeWebhook } from './webhook-service.js';

/** Webhooks for integrators: admins register URLs for article events and read each one's delivery log. */
export const webhookApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;

  app.post(
    '/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Register a webhook; its signing secret is in this response only',
        body: NewWebhookBody,
        response: { 201: NewWebhookReply },
      },
    },
    async (request, reply) => {
      const { webhook, secret } = await createWebhook(db, deps.clock, requireActor(request), request.body, {
        allowPrivate: deps.config.webhooksAllowPrivate,
      });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ secret, webhook: presentWebhook(webhook) });
    },
  );

  app.get(
    '/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Every webhook, removed ones included (never the secrets)',
        response: { 200: WebhookList },
      },
    },
    async (request) => {
      const webhooks = await listWebhooks(db, requireActor(request));
      return { webhooks: webhooks.map(presentWebhook) };
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Remove a webhook; nothing more is sent to it, its delivery log stays',
        params: IdParams,
        response: { 200: WebhookReply },
      },
    },
    async (request) => {
      const webhook = await removeWebhook(db, deps.clock, requireActor(request), request.params.id);
      return { webhook: presentWebhook(webhook) };
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "A webhook's deliveries, newest first, a page at a time",
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (request) => {
      const page = await listDeliveries(db, requireActor(request), request.params.id, request.query);
      return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again now, with a fresh round of attempts',
        params: DeliveryParams,
        response: { 202: DeliveryReply },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const actor = requireActor(request);
      const delivery = await inTransaction(db, (trx) => redeliver(trx, deps.clock, actor, id, deliveryId));
      return reply.code(202).send({ delivery: presentDelivery(delivery) });
    },
  );
};
