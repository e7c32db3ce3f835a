import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type WebSocket from 'ws';
import type { Deps } from '../../deps.js';
import type { LiveDocumentHooks } from '../articles/index.js';
import type { LiveContext, LiveDocumentOptions, LiveDocumentServer } from './live-document-server.js';

/**
 * The live documents as the app holds them (ADR 0031). Hocuspocus, Yjs and the ProseMirror code load
 * with the first live connection, not at start: a paper whose staff never co-edit pays nothing for
 * them, in memory or start-up time. Until then there is no document to save or merge into.
 */
export function liveDocuments(deps: Deps, log: FastifyBaseLogger, options: LiveDocumentOptions = {}) {
  let server: Promise<LiveDocumentServer> | undefined;

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
    /** Stores every loaded document and closes every connection (the server is stopping). */
    async close(): Promise<void> {
      if (server) await (await server).close();
    },
  };
}

export type LiveDocuments = ReturnType<typeof liveDocuments>;
