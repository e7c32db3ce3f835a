import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type WebSocket from 'ws';
import type { Deps } from '../../deps.js';
import type { LiveDocumentHooks } from '../articles/index.js';
import type {
  LiveContext,
  LiveDocumentOptions,
  LiveDocumentServer,
  LiveNotice,
} from './live-document-server.js';

/**
 * The live documents as the app holds them (ADR 0031). Hocuspocus, Yjs and the ProseMirror code load
 * with the first live connection, not at start: a paper whose staff never co-edit pays nothing for
 * them, in memory or start-up time. Until then there is no document to save or merge into.
 */
export function liveDocuments(deps: Deps, log: FastifyBaseLogger, options: LiveDocumentOptions = {}) {
  let server: Promise<LiveDocumentServer> | undefined;
  let warmed = false;

  const hooks: LiveDocumentHooks = {
    async beforeWorkflow(articleId) {
      if (server) await (await server).hooks.beforeWorkflow(articleId);
    },
    async afterWrite(article) {
      if (server) await (await server).hooks.afterWrite(article);
    },
  };

  return {
    hooks,
    /**
     * Starts loading the live documents' code (Hocuspocus, Yjs, ProseMirror) without waiting or starting
     * anything. Staff requests call it: on a busy machine that load took seconds, past the editor's 5 s
     * wait for its first sync, and the first story opened after a restart fell back to REST. A paper whose
     * staff never sign in still pays nothing.
     */
    warm(): void {
      if (warmed) return;
      warmed = true;
      import('./live-document-server.js').catch((error: unknown) =>
        log.error({ err: error }, 'live documents: their code could not be loaded'),
      );
    },
    /**
     * The server, started on first use. The socket awaits it before accepting an upgrade, so no
     * message can arrive before Hocuspocus listens for it.
     */
    async start(): Promise<(socket: WebSocket, request: IncomingMessage, context: LiveContext) => void> {
      server ??= import('./live-document-server.js').then((loaded) =>
        loaded.startLiveDocumentServer(deps, log, options),
      );
      const started = await server;
      return started.connect;
    },
    /**
     * Sends a notice to everyone in the article (a comment added, say). With Redis, editors on other
     * processes get it too when this one has the article open; when it does not, nothing is sent, and
     * those editors see the change on their next poll.
     */
    async announce(articleId: string, notice: LiveNotice): Promise<void> {
      if (server) (await server).announce(articleId, notice);
    },
    /** Stores every loaded document and closes every connection (the server is stopping). */
    async close(): Promise<void> {
      if (server) await (await server).close();
    },
  };
}

export type LiveDocuments = ReturnType<typeof liveDocuments>;
