import { AppError } from '../../platform/http/errors.js';

/** A list of picks that cannot be saved: `index` is the offending place in `articleIds`, when there is one. */
export const frontPageInvalid = (message: string, index: number | null) =>
  new AppError('FRONT_PAGE_INVALID', 400, message, {
    field: 'articleIds',
    ...(index === null ? {} : { index }),
  });

/** A stale save: carries the list as it is now beside the one sent, so the editor can see both and redo. */
export const frontPageConflict = (
  based: number,
  yourArticleIds: readonly string[],
  current: unknown,
  currentRevision: number,
) =>
  new AppError(
    'FRONT_PAGE_CONFLICT',
    409,
    `Someone arranged the front page after revision ${based}; it is now at revision ${currentRevision}. Your order was not saved.`,
    { field: 'revision', yourRevision: based, yourArticleIds, currentRevision, current },
  );
