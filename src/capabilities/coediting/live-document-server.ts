import type { IncomingMessage } from 'node:http';
import { Hocuspocus, type onStoreDocumentPayload } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { Deps } from '../../deps.js';
import { checkLiveEditing, findArticle, type LiveDocumentHooks } from '../articles/index.js';
import { getSetting } from '../settings/index.js';
import { type Actor, findSession } from '../staff/index.js';
import { redisExtension } from './live-document-redis.js';
import { carriesContent, MAX_DOCUMENT_BYTES, tooLargeMessage } from './live-document-size.js';
import { LIVE_EDITING_OFF } from './live-document-socket.js';
import { type LiveNotice, liveDocumentStore, MERGE } from './live-document-store.js';

export type { LiveNotice } from './live-document-store.js';

type SharedDocument = onStoreDocumentPayload['document'];

/** What the socket's upgrade found: the staff member's session, re-read whenever rights are checked. */
export interface LiveContext {
  sessionToken: string;
  actor: Actor;
  /** Whether the member's rights let them type in this article (the size bound may still refuse an update). */
  mayType?: boolean;
}

export interface LiveDocumentOptions {
  /** Quiet time after an edit before the document is stored and a revision written (ms). */
  debounce?: number;
  /** However busy the document, it is stored at least this often (ms). */
  maxDebounce?: number;
  /** How often every connection's session and rights are read again (ms); also after every Admin API write. */
  recheckEvery?: number;
  /** The Redis key prefix of the documents' channels and locks (tests give each their own). */
  redisPrefix?: string;
  /** The largest state a document may grow to (bytes); an update past it is refused, not applied. */
  maxDocumentBytes?: number;
}

/** The WebSocket close code when a connection's session is gone (Hocuspocus's own "Unauthorized"). */
const SESSION_ENDED = 4401;
/** What an editor is told when their rights now let them read the article but not change it. */
const READ_ONLY_NOW =
  'Your role may now read this article but not change it: what you type from here is not saved.';

/** The close code when the paper has turned live editing off (HTTP's 409, as the upgrade is then refused). */
const LIVE_EDITING_ENDED = 4409;

/**
 * The live documents' server (ADR 0031): one Hocuspocus instance, one shared Yjs document per article
 * id. Each document is loaded from its stored state (or made from the article), stored when editing
 * pauses and when the last editor leaves, and written as a revision through the articles' own saving
 * path once the server's rules accept it. Admin API writes are merged into a loaded one. Loaded by
 * `live-document-service.ts` when the first live connection arrives.
 */
export async function startLiveDocumentServer(
  deps: Deps,
  log: FastifyBaseLogger,
  options: LiveDocumentOptions = {},
) {
  const { db } = deps.database;
  const documents = liveDocumentStore(deps, log, notify);
  const { loaded } = documents;
  // Each loaded document's size as far as this process knows: its state when loaded or stored, plus the
  // updates accepted since.
  const sizes = new Map<string, number>();
  const maxBytes = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  const queues = new Map<string, Promise<unknown>>();
  // Set when the server stops: the database may be closing, so late stores (an unload) are skipped.
  let closed = false;

  /** One thing at a time per document: a store, a merge or a flush reads and moves the same base. */
  function serially<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(name) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => {});
    queues.set(name, settled);
    void settled.then(() => {
      if (queues.get(name) === settled) queues.delete(name);
    });
    return next;
  }

  async function actorOf(sessionToken: string): Promise<Actor | null> {
    return (await findSession(db, deps.clock, sessionToken))?.actor ?? null;
  }

  // Several web processes share each document through Redis when it is configured (ADR 0033).
  const redis = deps.config.redisUrl
    ? await redisExtension({
        url: deps.config.redisUrl,
        databaseLocation: deps.database.location,
        log,
        ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
      })
    : null;

  const hocuspocus = new Hocuspocus({
    name: 'masthead',
    quiet: true,
    extensions: redis ? [redis] : [],
    debounce: options.debounce ?? 2000,
    maxDebounce: options.maxDebounce ?? 10_000,
    // Rights are checked per article, with the staff member's role as it is now (not at sign-in).
    onAuthenticate: logged(log, 'onAuthenticate', async ({ documentName, context, connectionConfig }) => {
      const live = context as LiveContext;
      const actor = await actorOf(live.sessionToken);
      if (!actor) throw refusal('The session has ended; sign in again.');
      const article = await findArticle(db, documentName);
      if (!article) throw refusal('There is no such article.');
      const access = checkLiveEditing(actor, article);
      if (!access.ok) throw refusal(access.message);
      connectionConfig.readOnly = access.readOnly;
      return { actor, mayType: !access.readOnly } satisfies Partial<LiveContext>;
    }),
    onLoadDocument: logged(log, 'onLoadDocument', async ({ document, documentName }) => {
      await serially(documentName, () => documents.load(documentName, document));
      sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
    }),
    // The size bound: an update that would grow the document past it is answered as Hocuspocus answers
    // a read-only connection's (not applied, "not synced"), and its editor is told why. What the server
    // acknowledged before stays; nothing is closed, so a reconnect loop cannot start.
    async beforeHandleMessage({ connection, documentName, update, context }) {
      if (!carriesContent(update)) return;
      const live = context as LiveContext;
      const size = sizes.get(documentName) ?? 0;
      const over = size + update.byteLength > maxBytes;
      connection.readOnly = live.mayType === false || over;
      if (connection.readOnly && !over) return;
      if (!over) {
        sizes.set(documentName, size + update.byteLength);
        return;
      }
      log.warn({ articleId: documentName, bytes: size, maxBytes }, 'live document at its size bound');
      connection.sendStateless(JSON.stringify({ type: 'too-large', message: tooLargeMessage(maxBytes) }));
    },
    async onChange({ documentName, context, transactionOrigin }) {
      // Only an editor's own typing makes them the author of the next revision; a merge is no one's.
      const entry = loaded.get(documentName);
      if (entry && transactionOrigin !== MERGE && context?.actor) {
        const actor = context.actor as Actor;
        entry.editor = actor;
        entry.contributors.set(actor.staffId ?? actor.tokenId ?? actor.name, actor.name);
        entry.edits++;
      }
    },
    async onStoreDocument({ document, documentName }) {
      // Never thrown back to Hocuspocus: the Redis lock would be held until it expires. The state stays
      // in memory and the next store tries again.
      await serially(documentName, () => store(documentName, document)).catch((error: unknown) =>
        log.error({ err: error, articleId: documentName }, 'live document not stored'),
      );
      // The bound counts update sizes between stores; the stored state is the true size.
      sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
    },
    async afterUnloadDocument({ documentName }) {
      loaded.delete(documentName);
      sizes.delete(documentName);
    },
  });

  function store(name: string, document: SharedDocument): Promise<void> {
    if (closed) return Promise.resolve();
    return documents.store(name, document, () => hocuspocus.closeConnections(name));
  }

  function notify(document: SharedDocument, notice: LiveNotice): void {
    document.broadcastStateless(JSON.stringify(notice));
  }

  /** Reads every connection's session and rights again: a deactivated member is closed out, a role change applies. */
  async function recheck(): Promise<void> {
    if ((await getSetting(db, 'newsroom.editing')) !== 'live') return endLiveEditing();
    // One look-up per session per pass, however many articles it has open.
    const actors = new Map<string, Promise<Actor | null>>();
    for (const [name, document] of hocuspocus.documents) await recheckDocument(name, document, actors);
  }

  async function recheckDocument(
    name: string,
    document: SharedDocument,
    actors = new Map<string, Promise<Actor | null>>(),
  ): Promise<void> {
    const article = await findArticle(db, name);
    for (const connection of document.getConnections()) {
      const live = connection.context as LiveContext;
      if (!actors.has(live.sessionToken)) actors.set(live.sessionToken, actorOf(live.sessionToken));
      const actor = await actors.get(live.sessionToken);
      if (!actor) {
        // Signed out, expired, disabled or demoted (which ends sessions): the socket goes, every article on it.
        connection.webSocket.close(SESSION_ENDED, 'The session has ended; sign in again.');
        continue;
      }
      const access = article ? checkLiveEditing(actor, article) : null;
      if (!access?.ok) {
        connection.close({ code: 4403, reason: access?.message ?? 'There is no such article.' });
        continue;
      }
      live.actor = actor;
      live.mayType = !access.readOnly;
      // A change of rights is said to that editor, or their typing would be dropped without a word (a
      // contributor's draft submitted for review) or stay locked after they may type again.
      if (connection.readOnly !== access.readOnly) {
        const notice: LiveNotice = access.readOnly
          ? { type: 'read-only', message: READ_ONLY_NOW }
          : { type: 'read-write' };
        connection.sendStateless(JSON.stringify(notice));
      }
      connection.readOnly = access.readOnly;
    }
  }

  /**
   * The paper turned live editing off (setting newsroom.editing), seen here within one rights check on
   * every process: each open document is stored (its revision written) before its editors are told and
   * closed out, so what they typed is saved; their editors then work one writer at a time, over REST.
   */
  async function endLiveEditing(): Promise<void> {
    for (const [name, document] of hocuspocus.documents) {
      await serially(name, () => store(name, document));
      notify(document, { type: 'editing-off', message: LIVE_EDITING_OFF });
      for (const connection of document.getConnections()) {
        connection.close({ code: LIVE_EDITING_ENDED, reason: LIVE_EDITING_OFF });
      }
    }
  }

  const rechecks = setInterval(() => {
    recheck().catch((error: unknown) => log.error({ err: error }, 'live documents: rights check failed'));
  }, options.recheckEvery ?? 5000);
  rechecks.unref();

  const hooks: LiveDocumentHooks = {
    async beforeWorkflow(articleId) {
      const document = hocuspocus.documents.get(articleId);
      if (document) await serially(articleId, () => store(articleId, document));
    },
    async afterWrite(article) {
      const document = hocuspocus.documents.get(article.id);
      if (!document) return;
      await serially(article.id, async () => {
        const entry = loaded.get(article.id);
        if (entry && article.revision > entry.baseRevision)
          await documents.catchUp(article.id, document, entry, article);
      });
      // A workflow step can change who may type (a contributor's draft submitted for review): at once.
      await recheckDocument(article.id, document);
    },
  };

  return {
    hooks,
    /** Tells everyone in the article, on every process, something that is not in its document. */
    announce(articleId: string, notice: LiveNotice): void {
      const document = hocuspocus.documents.get(articleId);
      if (document) notify(document, notice);
    },
    /** Takes over an upgraded WebSocket whose session the upgrade already found. */
    connect(socket: WebSocket, request: IncomingMessage, context: LiveContext): void {
      hocuspocus.handleConnection(socket, request, context);
    },
    /** Stores every loaded document at once, then closes every connection (the server is stopping). */
    async close(): Promise<void> {
      clearInterval(rechecks);
      await Promise.all(
        [...hocuspocus.documents].map(([name, document]) => serially(name, () => store(name, document))),
      );
      closed = true;
      // A store begun by a document unloading a moment ago still holds the database: let it finish.
      await Promise.all(queues.values());
      hocuspocus.closeConnections();
      if (!redis) return;
      // The extension unsubscribes each document as it unloads (a second after its last editor left).
      const until = Date.now() + 3000;
      while (hocuspocus.documents.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    },
  };
}

export type LiveDocumentServer = Awaited<ReturnType<typeof startLiveDocumentServer>>;

/**
 * A hook whose failures go to the app's log. Hocuspocus prints a failed hook's error to the console when
 * the error has a message (and `quiet` does not change that); it gets the same failure without one, so
 * the operator reads it once, in the log, with the article's id. A refusal (no message) passes as it is.
 */
function logged<P extends { documentName: string }, R>(
  log: FastifyBaseLogger,
  hook: string,
  run: (payload: P) => Promise<R>,
): (payload: P) => Promise<R> {
  return async (payload) => {
    try {
      return await run(payload);
    } catch (error) {
      if (!(error instanceof Error) || error.message === '') throw error;
      log.error({ err: error, hook, articleId: payload.documentName }, 'live documents: a hook failed');
      throw Object.assign(new Error('', { cause: error }), { reason: 'Live editing failed; try again.' });
    }
  };
}

/**
 * A refused authentication as Hocuspocus wants it: its `reason` goes to the client in the
 * permission-denied message, and having no `message` keeps Hocuspocus from printing it to stderr.
 */
function refusal(reason: string): { reason: string } {
  return { reason };
}
