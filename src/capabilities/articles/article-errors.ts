import { AppError } from '../../platform/http/errors.js';

export const articleNotFound = (id: string) =>
  new AppError('ARTICLE_NOT_FOUND', 404, 'There is no such article.', { id });

export const articleInvalid = (field: string, message: string) =>
  new AppError('ARTICLE_INVALID', 400, message, { field });

export const slugTaken = (slug: string) =>
  new AppError('SLUG_TAKEN', 409, `The slug "${slug}" is already used by another article.`, {
    field: 'slug',
  });

/** A stale save: carries the current version so the client can show both and merge. */
export const revisionConflict = (based: number, current: unknown, currentRevision: number) =>
  new AppError(
    'REVISION_CONFLICT',
    409,
    `Someone saved this article after revision ${based}; it is now at revision ${currentRevision}. Your changes were not saved.`,
    { field: 'revision', yourRevision: based, currentRevision, current },
  );

export const workflowRefused = (message: string) => new AppError('WORKFLOW_REFUSED', 409, message, {});

export const forbidden = (message: string) => new AppError('FORBIDDEN', 403, message, {});

export const notPublishable = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('NOT_PUBLISHABLE', 400, message, { field, ...details });

/** Deleting is for what readers cannot see: a live article comes down first, and readers are told. */
export const articleLive = () =>
  new AppError(
    'ARTICLE_LIVE',
    409,
    'This article is published: unpublish it first, then delete it. Its address will then answer that it is gone.',
    {},
  );

export const articleScheduled = () =>
  new AppError(
    'ARTICLE_SCHEDULED',
    409,
    'This article is scheduled to publish: unschedule it first, then delete it.',
    {},
  );

/** Update with nothing to put live: the article's saved edits are already what readers see. */
export const nothingStaged = () =>
  new AppError(
    'NOTHING_STAGED',
    409,
    'There are no saved changes waiting to go live: readers already see this version of the article.',
    {},
  );

/** Publishing, scheduling or updating text with open suggestions asks first (ADR 0036). */
export const suggestionsOpen = (count: number) =>
  new AppError(
    'SUGGESTIONS_OPEN',
    409,
    `${count === 1 ? 'One suggestion is' : `${count} suggestions are`} still open. Readers would get the text ` +
      'without them, and they would stay open in the newsroom. Accept or reject them first, or send ' +
      '"openSuggestions": "leave-out" to go ahead.',
    { count },
  );

export const suggestionNotFound = (ids: string[]) =>
  new AppError(
    'SUGGESTION_NOT_FOUND',
    404,
    `${ids.length === 1 ? 'This suggestion is' : 'These suggestions are'} not open in the article any more ` +
      '(accepted, rejected or never made): reload it.',
    { ids },
  );
