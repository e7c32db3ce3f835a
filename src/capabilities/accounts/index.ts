export { safeReturnPath } from './account.js';
export { accountPages } from './account-pages.js';
export { consentPages } from './consent-pages.js';
export { readerAdminApi } from './reader-admin-api.js';
export { checkFormToken, clientIp, formToken } from './reader-forms.js';
export {
  READER_COOKIE,
  requireReader,
  type SignedInReader,
  signedInReader,
  startReaderSession,
} from './reader-session.js';
