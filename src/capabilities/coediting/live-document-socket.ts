import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocketServer } from 'ws';
import type { Deps } from '../../deps.js';
import { clientAddress } from '../../platform/http/client-address.js';
import type { RateRule } from '../../platform/rate-limit/index.js';
import { getSetting } from '../settings/index.js';
import { findSession, SESSION_COOKIE } from '../staff/index.js';
import type { LiveDocuments } from './live-document-service.js';

/** Where the newsroom's editor opens its WebSocket; every article's document travels over it. */
export const LIVE_DOCUMENTS_PATH = '/api/admin/v1/collab';

/**
 * WebSocket upgrades one client address may ask for in a minute. One browser tab holds one socket for
 * every article it opens, so a newsroom of a few hundred behind one address, all reconnecting after a
 * network blip, stays below it; a client opening sockets in a loop (each one a session look-up and a
 * Hocuspocus connection) is refused before any of that is done.
 */
export const LIVE_UPGRADE_RULE: RateRule = { name: 'live-upgrade:ip', limit: 600, windowMs: 60_000 };

/** Why the socket is refused, or closed, when the paper has turned live editing off (setting newsroom.editing). */
export const LIVE_EDITING_OFF =
  'Live editing is turned off at this paper: one writer saves at a time. Reload the article to go on.';

/** Large enough for a whole long article's first sync, small enough that no one can send a heap's worth. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * The live documents' WebSocket on the web server's own port (ADR 0031). The upgrade is refused before
 * any WebSocket exists unless it carries a staff session cookie (401) from the paper's own pages (403 for
 * another origin: a browser sends cookies on any site's WebSocket). Which articles the session may open,
 * and whether read-only, is decided per article when the client asks for it.
 */
export const liveDocumentSocket: FastifyPluginAsync<{ deps: Deps; live: LiveDocuments }> = async (
  app,
  { deps, live },
) => {
  // Made (and `ws` loaded) by the first upgrade, like the live documents themselves.
  let sockets: Promise<WebSocketServer> | undefined;
  const socketServer = () =>
    (sockets ??= import('ws').then(
      ({ WebSocketServer }) => new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES }),
    ));

  async function accept(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== deps.config.publicUrl.origin) {
      return deny(socket, 403, 'Forbidden', 'Live editing is open only to the newsroom at this paper.');
    }
    const limited = await deps.rateLimiter.hit([
      { rule: LIVE_UPGRADE_RULE, subject: clientAddress(request, deps.config.trustProxy) },
    ]);
    if (!limited.ok) {
      return deny(socket, 429, 'Too Many Requests', 'Too many live connections; wait a moment.', {
        'Retry-After': String(limited.retryAfterSeconds),
      });
    }
    const token = app.parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
    const session = token ? await findSession(deps.database.db, deps.clock, token) : null;
    if (!token || !session) return deny(socket, 401, 'Unauthorized', 'Sign in to edit articles live.');
    if ((await getSetting(deps.database.db, 'newsroom.editing')) !== 'live') {
      return deny(socket, 409, 'Conflict', LIVE_EDITING_OFF);
    }
    const [connect, server] = await Promise.all([live.start(), socketServer()]);
    server.handleUpgrade(request, socket, head, (ws) => {
      connect(ws, request, { sessionToken: token, actor: session.actor });
    });
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://upgrade').pathname;
    if (path !== LIVE_DOCUMENTS_PATH) return deny(socket, 404, 'Not Found', 'No WebSocket here.');
    accept(request, socket, head).catch((error: unknown) => {
      app.log.error({ err: error }, 'live documents: upgrade failed');
      deny(socket, 500, 'Internal Server Error', 'Live editing is not available just now.');
    });
  };
  app.server.on('upgrade', onUpgrade);

  // Upgraded sockets are no longer the HTTP server's to close: store the documents, then close them.
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    await live.close();
    if (!sockets) return;
    const server = await sockets;
    for (const client of server.clients) client.terminate();
    server.close();
  });
};

function deny(
  socket: Duplex,
  status: number,
  reason: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed) return;
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}
