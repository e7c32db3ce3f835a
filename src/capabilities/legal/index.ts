export type { LegalDocument, LegalKind, LegalStatus } from './legal.js';
export { currentVersion, isLegalKind, LEGAL_KIND_NAMES, LEGAL_KINDS, legalStatus } from './legal.js';
export { legalApi } from './legal-api.js';
export type { LegalKindOverview, LegalVersionSummary } from './legal-service.js';
export {
  findCurrentLegalDocument,
  findLegalVersion,
  getLegalVersion,
  legalOverview,
  listLegalVersions,
  publishLegalVersion,
} from './legal-service.js';
