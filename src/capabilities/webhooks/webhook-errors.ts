import { AppError } from '../../platform/http/errors.js';

export const webhookUrlRefused = (message: string) =>
  new AppError('WEBHOOK_URL_REFUSED', 400, message, { field: 'url' });

export const webhookInvalid = (field: string, message: string) =>
  new AppError('WEBHOOK_INVALID', 400, message, { field });

export const webhookNotFound = (id: string) =>
  new AppError('WEBHOOK_NOT_FOUND', 404, 'There is no such webhook.', { id });
