export type { LiveText } from './live-document.js';
export { LIVE_FIELDS } from './live-document.js';
export {
  type LiveDocumentOptions,
  type LiveDocuments,
  type LiveNotice,
  liveDocuments,
} from './live-document-service.js';
export { LIVE_DOCUMENTS_PATH, liveDocumentSocket } from './live-document-socket.js';
