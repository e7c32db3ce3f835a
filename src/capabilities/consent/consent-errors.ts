import { AppError, notFound } from '../../platform/http/errors.js';

export const consentRangeInvalid = (field: 'from' | 'to', message: string) =>
  new AppError('CONSENT_RANGE_INVALID', 400, message, { field });

export const readerNotFound = (readerId: string) => notFound('The reader', { readerId });
