import { AppError, notFound } from '../../platform/http/errors.js';
import { MEDIA_MAX_BYTES } from './media.js';

export const mediaTypeRefused = (message: string) =>
  new AppError('MEDIA_TYPE_REFUSED', 400, message, { field: 'file' });

export const mediaBodyUnsupported = () =>
  new AppError(
    'MEDIA_BODY_UNSUPPORTED',
    415,
    'Send the image file itself as the request body (content-type image/* or application/octet-stream), or as the one file of a multipart/form-data form.',
    { field: 'file' },
  );

/** A multipart form the parser cannot read (cut short, bad boundary, broken part headers). */
export const mediaFormBroken = (cause: unknown) =>
  new AppError(
    'MEDIA_FORM_BROKEN',
    400,
    'The upload form could not be read (it may have been cut short); send it again.',
    { field: 'file' },
    { cause },
  );

export const mediaTooLarge = () =>
  new AppError(
    'MEDIA_TOO_LARGE',
    413,
    `The file is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB; export a smaller JPEG and try again.`,
    { field: 'file', maxBytes: MEDIA_MAX_BYTES },
  );

export const mediaTooManyPixels = (message: string) =>
  new AppError('MEDIA_TOO_MANY_PIXELS', 400, message, { field: 'file' });

export const mediaUnreadable = (message: string) =>
  new AppError('MEDIA_UNREADABLE', 400, message, { field: 'file' });

export const mediaInvalid = (field: string, message: string) =>
  new AppError('MEDIA_INVALID', 400, message, { field });

export const mediaNotFound = (id: string) => notFound('The media item', { id });

export const mediaInUse = (usedIn: { articleId: string; headline: string }[]) =>
  new AppError(
    'MEDIA_IN_USE',
    409,
    `This photo runs in ${usedIn.length === 1 ? `"${usedIn[0]!.headline}"` : `${usedIn.length} articles`}; take it out of them first.`,
    { usedIn },
  );

export const mediaVariantsReady = () =>
  new AppError(
    'MEDIA_VARIANTS_READY',
    409,
    'All the public files of this photo are made already; there is nothing to retry.',
    { field: 'variantsStatus' },
  );
