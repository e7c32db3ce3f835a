import type { IncomingMessage } from 'node:http';
import { Hocuspocus, type onStoreDocumentPayload } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import {
  type Article,
  checkLiveEditing,
  findArticle,
  type LiveDocumentHooks,
  updateArticle,
  workingCopy,
} from '../articles/index.js';
import { type Actor, findSession } from '../staff/index.js';
import { type LiveText, mergeLiveText, readLiveText, writeLiveText } from './live-document.js';
import { checkLiveText } from './live-document-check.js';
import { findLiveDocument, saveLiveDocument } from './live-document-repository.js';

type SharedDocument = onStoreDocumentPayload['document'];

/** What the socket's upgrade found: the staff member's session, re-read whenever rights are checked. */
export interface LiveContext {
  sessionToken: string;
  actor: Actor;
}

/** How a loaded document stands against the article's revisions. */
interface Loaded {
  /** The document's state when it last matched revision `baseRevision`. */
  baseState: Uint8Array;
  baseRevision: number;
  /** Who last typed in it: the author of the next revision. */
  editor: Actor | null;
  /** Editors' changes so far, and how many of them the last revision holds: more means one is due. */
  edits: number;
  savedEdits: number;
}

export interface LiveDocumentOptions {
  /** Quiet time after an edit before the document is stored and a revision written (ms). */
  debounce?: number;
  /** However busy the document, it is stored at least this often (ms). */
  maxDebounce?: number;
  /** How often every connection's session and rights are read again (ms); also after every Admin API write. */
  recheckEvery?: number;
}

const NO_EDITS = { editor: null, edits: 0, savedEdits: 0 } as const;

/** The WebSocket close code when a connection's session is gone (Hocuspocus's own "Unauthorized"). */
const SESSION_ENDED = 4401;

/** Why an edit from the server (a merge of an Admin API write) is not any editor's. */
const MERGE = Symbol('admin-api-merge');

/** A message to the editors of a document, sent as a Hocuspocus stateless message. */
export type LiveNotice = { type: 'not-saved'; message: string } | { type: 'saved'; revision: number };

/**
 * The live documents' server (ADR 0031): one Hocuspocus instance, one shared Yjs document per article
 * id. Each document is loaded from its stored state (or made from the article), stored when editing
 * pauses and when the last editor leaves, and written as a revision through the articles' own saving
 * path once the server's rules accept it. Admin API writes are merged into a loaded one. Loaded by
 * `live-document-service.ts` when the first live connection arrives.
 */
export function startLiveDocumentServer(
  deps: Deps,
  log: FastifyBaseLogger,
  options: LiveDocumentOptions = {},
) {
  const { db } = deps.database;
  const loaded = new Map<string, Loaded>();
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

  const hocuspocus = new Hocuspocus({
    name: 'masthead',
    quiet: true,
    debounce: options.debounce ?? 2000,
    maxDebounce: options.maxDebounce ?? 10_000,
    // Rights are checked per article, with the staff member's role as it is now (not at sign-in).
    async onAuthenticate({ documentName, context, connectionConfig }) {
      const live = context as LiveContext;
      const actor = await actorOf(live.sessionToken);
      if (!actor) throw refusal('The session has ended; sign in again.');
      const article = await findArticle(db, documentName);
      if (!article) throw refusal('There is no such article.');
      const access = checkLiveEditing(actor, article);
      if (!access.ok) throw refusal(access.message);
      connectionConfig.readOnly = access.readOnly;
      return { actor } satisfies Partial<LiveContext>;
    },
    async onLoadDocument({ document, documentName }) {
      await serially(documentName, () => load(documentName, document));
    },
    async onChange({ documentName, context, transactionOrigin }) {
      // Only an editor's own typing makes them the author of the next revision; a merge is no one's.
      const entry = loaded.get(documentName);
      if (entry && transactionOrigin !== MERGE && context?.actor) {
        entry.editor = context.actor as Actor;
        entry.edits++;
      }
    },
    async onStoreDocument({ document, documentName }) {
      await serially(documentName, () => store(documentName, document));
    },
    async afterUnloadDocument({ documentName }) {
      loaded.delete(documentName);
    },
  });

  async function load(name: string, document: SharedDocument): Promise<void> {
    const article = await findArticle(db, name);
    if (!article) throw new Error(`No article ${name}`);
    const stored = await findLiveDocument(db, name);
    if (!stored) {
      writeLiveText(document, textOf(article), MERGE);
      loaded.set(name, {
        baseState: Y.encodeStateAsUpdate(document),
        baseRevision: article.revision,
        ...NO_EDITS,
      });
      return;
    }
    Y.applyUpdate(document, stored.state, MERGE);
    const entry: Loaded = { baseState: stored.baseState, baseRevision: stored.baseRevision, ...NO_EDITS };
    loaded.set(name, entry);
    // Written to through the Admin API (or the importer) while no one had it open.
    if (article.revision !== entry.baseRevision) mergeArticle(document, entry, article);
  }

  function mergeArticle(document: SharedDocument, entry: Loaded, article: Article): void {
    entry.baseState = mergeLiveText(document, entry.baseState, textOf(article), MERGE);
    entry.baseRevision = article.revision;
  }

  /**
   * Stores the document's state and, when someone typed in it and the server's schema accepts it,
   * writes it as a revision in the same transaction: both or neither. A document the schema refuses
   * is still stored (no one's typing is lost) but never becomes a revision; its editors are told why.
   */
  async function store(name: string, document: SharedDocument): Promise<void> {
    const entry = loaded.get(name);
    if (!entry || closed) return;
    const article = await findArticle(db, name);
    if (!article) {
      hocuspocus.closeConnections(name);
      return;
    }
    // A write committed that has not been merged yet: merge it first, or this revision would undo it.
    if (article.revision !== entry.baseRevision) mergeArticle(document, entry, article);
    const text = readLiveText(document);
    const state = Y.encodeStateAsUpdate(document);
    const now = isoTime(deps.clock.now());
    const checked = checkLiveText(text);
    const { editor, edits } = entry;
    if (!checked.ok || !editor || edits === entry.savedEdits) {
      if (!checked.ok) refuse(name, document, checked.message);
      await saveLiveDocument(
        db,
        name,
        { state, baseState: entry.baseState, baseRevision: entry.baseRevision },
        now,
      );
      return;
    }
    try {
      const saved = await writeThenPurge(deps, async (trx) => {
        const { article: written } = await updateArticle(trx, deps.clock, editor, name, entry.baseRevision, {
          headline: checked.text.headline,
          dek: checked.text.dek,
          body: { ...checked.text.body },
        });
        await saveLiveDocument(trx, name, { state, baseState: state, baseRevision: written.revision }, now);
        return written;
      });
      entry.baseState = state;
      entry.baseRevision = saved.revision;
      // Typing that arrived while this was written is not in it: the next store makes it a revision.
      entry.savedEdits = edits;
      notify(document, { type: 'saved', revision: saved.revision });
    } catch (error) {
      // Refused by the saving path (the editor's role changed, say): keep the state, write no revision.
      refuse(name, document, error instanceof Error ? error.message : String(error));
      await saveLiveDocument(
        db,
        name,
        { state, baseState: entry.baseState, baseRevision: entry.baseRevision },
        now,
      );
    }
  }

  function refuse(name: string, document: SharedDocument, message: string): void {
    log.warn({ articleId: name, reason: message }, 'live document not saved as a revision');
    notify(document, { type: 'not-saved', message });
  }

  function notify(document: SharedDocument, notice: LiveNotice): void {
    document.broadcastStateless(JSON.stringify(notice));
  }

  /** Reads every connection's session and rights again: a deactivated member is closed out, a role change applies. */
  async function recheck(): Promise<void> {
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
      connection.readOnly = access.readOnly;
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
        if (entry && article.revision > entry.baseRevision) mergeArticle(document, entry, article);
      });
      // A workflow step can change who may type (a contributor's draft submitted for review): at once.
      await recheckDocument(article.id, document);
    },
  };

  return {
    hooks,
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
    },
  };
}

export type LiveDocumentServer = ReturnType<typeof startLiveDocumentServer>;

/**
 * A refused authentication as Hocuspocus wants it: its `reason` goes to the client in the
 * permission-denied message, and having no `message` keeps Hocuspocus from printing it to stderr.
 */
function refusal(reason: string): { reason: string } {
  return { reason };
}

/** The co-edited fields of an article as the newsroom edits them: a live article's staged version (ADR 0017). */
function textOf(article: Article): LiveText {
  const copy = workingCopy(article);
  return { headline: copy.headline, dek: copy.dek, body: copy.body };
}
