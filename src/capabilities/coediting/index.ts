// Types only from the server's files: their modules (Hocuspocus, Yjs, ProseMirror) load on first use.
export type { LiveText } from './live-document.js';
export type { LiveDocumentOptions, LiveNotice } from './live-document-server.js';
export { type LiveDocuments, liveDocuments } from './live-document-service.js';
export { LIVE_DOCUMENTS_PATH, liveDocumentSocket } from './live-document-socket.js';
