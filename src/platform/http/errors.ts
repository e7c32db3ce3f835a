/**
 * The one error type routes and services throw on purpose. `code` is stable (clients and tests
 * match on it), `message` is safe to show a person, `details` names fields, `cause` stays in the log.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, details: Record<string, unknown> = {}) =>
  new AppError('NOT_FOUND', 404, `${what} was not found.`, details);

export const badRequest = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(code, 400, message, details);

/**
 * A slug (or, for sections, the path it makes) already belongs to something else: 409 naming `slug`.
 * Shared by every capability that gives things slugs.
 */
export const slugTaken = (slug: string, whose: string) =>
  new AppError('SLUG_TAKEN', 409, `The slug "${slug}" is already used by ${whose}; choose another.`, {
    field: 'slug',
    slug,
  });

/** The JSON shape of every API error: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown>; requestId?: string };
}
