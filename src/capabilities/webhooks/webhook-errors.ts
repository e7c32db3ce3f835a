import { AppError } from '../../platform/http/errors.js';

export const webhookUrlRefused = (message: string) =>
  new AppError('WEBHOOK_URL_REFUSED', 400, message, { field: 'url' });

export const webhookInvalid = (field: string, message: string) =>
  new AppError('WEBHOOK_INVALID', 400, message, { field });

export const webhookNotFound = (id: string) =>
  new AppError('WEBHOOK_NOT_FOUND', 404, 'There is no such webhook.', { id });

export const deliveryNotFound = (id: string) =>
  new AppError('DELIVERY_NOT_FOUND', 404, "There is no such delivery in this webhook's log.", { id });

export const webhookRemoved = () =>
  new AppError(
    'WEBHOOK_REMOVED',
    409,
    'This webhook was removed, so nothing is sent to it any more; register it again to receive events.',
    {},
  );
