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

/**
 * A slug (or, for sections, the path it makes) already belongs to something else: 409 naming `slug`.
 * Shared by every capability that gives things slugs.
 */
export const slugTaken = (slug: string, whose: string) =>
  new AppError('SLUG_TAKEN', 409, `The slug "${slug}" is already used by ${whose}; choose another.`, {
    field: 'slug',
    slug,
  });

/**
 * True when a write failed on a foreign key: deleting a row that another still points at (the
 * article tables restrict deletes of sections, tags and authors in use), or pointing at a row that
 * does not exist.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  // SQLite carries out ON DELETE RESTRICT as an action, so its refusal comes with the trigger code.
  return code === 'SQLITE_CONSTRAINT_TRIGGER' && /FOREIGN KEY constraint failed/.test(message ?? '');
}
