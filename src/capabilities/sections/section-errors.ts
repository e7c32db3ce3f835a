import { AppError, notFound } from '../../platform/http/errors.js';

/** A field of a section that fails its check (400, names the field). */
export const sectionInvalid = (field: string, message: string) =>
  new AppError('SECTION_INVALID', 400, message, { field });

/** A reference to a section that does not exist, in the field that made it (400). */
export const sectionUnknown = (field: string, ref: string) =>
  new AppError('SECTION_UNKNOWN', 400, `There is no section "${ref}".`, { field });

export const sectionNotFound = (id: string) => notFound('The section', { id });

export const sectionCycle = (name: string, parentName: string) =>
  new AppError(
    'SECTION_CYCLE',
    409,
    `"${name}" cannot move under "${parentName}": that section is "${name}" itself or one of its subsections.`,
    { field: 'parentId' },
  );

export const sectionInUse = (name: string, why: string) =>
  new AppError('SECTION_IN_USE', 409, `"${name}" cannot be deleted: ${why}.`, {});
