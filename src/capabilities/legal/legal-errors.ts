import { AppError, notFound } from '../../platform/http/errors.js';
import { LEGAL_KIND_NAMES, type LegalKind } from './legal.js';

export const legalInvalid = (field: string, message: string) =>
  new AppError('LEGAL_INVALID', 400, message, { field });

export const legalVersionNotFound = (kind: LegalKind, version: number) =>
  notFound(`Version ${version} of the ${LEGAL_KIND_NAMES[kind]}`, { kind, version });

export const legalVersionConflict = (kind: LegalKind) =>
  new AppError(
    'LEGAL_VERSION_CONFLICT',
    409,
    `Another version of the ${LEGAL_KIND_NAMES[kind]} was published at the same moment; reload and check it before publishing again.`,
    { kind },
  );
