import { AppError, notFound } from '../../platform/http/errors.js';

export const tagInvalid = (field: string, message: string) =>
  new AppError('TAG_INVALID', 400, message, { field });

/** A reference to a tag that does not exist, in the field that made it (400). */
export const tagUnknown = (field: string, ref: string) =>
  new AppError('TAG_UNKNOWN', 400, `There is no tag "${ref}".`, { field });

export const tagNotFound = (id: string) => notFound('The tag', { id });

export const tagInUse = (name: string) =>
  new AppError(
    'TAG_IN_USE',
    409,
    `"${name}" cannot be deleted: articles carry it. Remove it from them first.`,
    {},
  );
