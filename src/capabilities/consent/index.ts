export type { ConsentEntry, ConsentMethod, LegalVersionRef } from './consent.js';
export { consentApi } from './consent-api.js';
export { listLegalChangesSince, readerConsentProof } from './consent-repository.js';
export {
  consentHistory,
  documentsForSignup,
  pendingConsents,
  recordConsents,
} from './consent-service.js';
