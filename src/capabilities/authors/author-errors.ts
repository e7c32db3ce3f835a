import { AppError, notFound } from '../../platform/http/errors.js';

export const authorInvalid = (field: string, message: string) =>
  new AppError('AUTHOR_INVALID', 400, message, { field });

export const authorNotFound = (id: string) => notFound('The author', { id });

export const staffUnknown = (staffId: string) =>
  new AppError('STAFF_UNKNOWN', 400, `There is no staff account with the id ${staffId}.`, {
    field: 'staffId',
  });

export const staffAuthorTaken = (name?: string) =>
  new AppError(
    'AUTHOR_STAFF_TAKEN',
    409,
    `That staff account already has an author profile${name ? `, "${name}"` : ''}; a staff member has one.`,
    { field: 'staffId' },
  );

export const authorInUse = (name: string) =>
  new AppError(
    'AUTHOR_IN_USE',
    409,
    `"${name}" cannot be deleted: articles credit them. Change those bylines first.`,
    {},
  );
