import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { type Article, findArticle, updateArticle, workingCopy } from '../articles/index.js';
import type { Actor } from '../staff/index.js';
import { type LiveText, prepareMerge, readLiveText, writeLiveText } from './live-document.js';
import { checkLiveText } from './live-document-check.js';
import { claimLiveDocument, findLiveDocument, type StoredLiveDocument } from './live-document-repository.js';

/** How a loaded document stands against the article's revisions. */
export interface Loaded {
  /** The document's state when it last matched revision `baseRevision`. */
  baseState: Uint8Array;
  baseRevision: number;
  /** Who last typed in it on this process: the author of the next revision. */
  editor: Actor | null;
  /** Everyone who typed in it on this process since the last revision, by staff id: named in its note. */
  contributors: Map<string, string>;
  /** This process's editors' changes so far, and how many of them the last revision holds. */
  edits: number;
  savedEdits: number;
}

/** A message to the editors of a document, sent as a Hocuspocus stateless message. */
export type LiveNotice =
  | { type: 'not-saved'; message: string }
  | { type: 'saved'; revision: number }
  | { type: 'too-large'; message: string }
  /** The article's comments changed (comments capability): editors fetch them again. */
  | { type: 'comments-changed' }
  /** The paper turned live editing off: the document is saved and the connection is about to close. */
  | { type: 'editing-off'; message: string }
  /** This editor's rights changed: they may now only read the article, or may type again. */
  | { type: 'read-only'; message: string }
  | { type: 'read-write' };

/** Why an edit from the server (a merge of an Admin API write, a stored state) is not any editor's. */
export const MERGE = Symbol('server-merge');

/** Another process moved the stored base between this process's read and its write: read it again. */
class StaleBase extends Error {}

/** How many times a store reads a moved base again before giving up until the next store. */
const ATTEMPTS = 5;

/**
 * Loading and storing live documents (ADR 0031, ADR 0033). The row in `live_documents` is the truth
 * every process shares: its base (the state that matched a revision) is moved only by a conditional
 * write, so when several web processes hold one document (Redis), exactly one of them merges an Admin
 * API write or writes a revision, and the others take that base instead of merging the same text twice.
 */
export function liveDocumentStore<D extends Y.Doc>(
  deps: Deps,
  log: FastifyBaseLogger,
  notify: (document: D, notice: LiveNotice) => void,
) {
  const { db } = deps.database;
  const loaded = new Map<string, Loaded>();
  const now = () => isoTime(deps.clock.now());

  async function load(name: string, document: D): Promise<void> {
    const article = await findArticle(db, name);
    if (!article) throw new Error(`No article ${name}`);
    const stored = (await findLiveDocument(db, name)) ?? (await seed(name, article));
    Y.applyUpdate(document, stored.state, MERGE);
    const entry: Loaded = {
      baseState: stored.baseState,
      baseRevision: stored.baseRevision,
      editor: null,
      contributors: new Map(),
      edits: 0,
      savedEdits: 0,
    };
    loaded.set(name, entry);
    // Written to through the Admin API (or the importer) while no one had it open.
    await catchUp(name, document, entry, article);
  }

  /**
   * The document made from the article, stored before anyone sees it: two processes opening a new
   * document at once must not make two seeds (two copies of the text). The one whose row is written
   * first wins; the other takes that one.
   */
  async function seed(name: string, article: Article): Promise<StoredLiveDocument> {
    const made = new Y.Doc();
    writeLiveText(made, textOf(article), MERGE);
    const state = Y.encodeStateAsUpdate(made);
    made.destroy();
    const seeded = { state, baseState: state, baseRevision: article.revision };
    if (await claimLiveDocument(db, name, null, seeded, now())) return seeded;
    const theirs = await findLiveDocument(db, name);
    if (!theirs) throw new Error(`live document ${name} vanished while it was seeded`);
    return theirs;
  }

  /**
   * Brings the document level with the stored row and the article. A base another process moved (a
   * revision it wrote, a write it merged) is taken with its state; a write no process has merged yet is
   * merged here, and the merge is claimed in the row before the document changes, so it happens once.
   */
  async function catchUp(name: string, document: D, entry: Loaded, article: Article): Promise<void> {
    let current = article;
    for (let attempt = 1; ; attempt++) {
      const stored = await findLiveDocument(db, name);
      if (stored) Y.applyUpdate(document, stored.state, MERGE);
      if (stored && stored.baseRevision > entry.baseRevision) {
        entry.baseState = stored.baseState;
        entry.baseRevision = stored.baseRevision;
      }
      if (current.revision <= entry.baseRevision) return;
      const merge = prepareMerge(entry.baseState, textOf(current), MERGE);
      const state = Y.mergeUpdates([Y.encodeStateAsUpdate(document), merge.update]);
      const claimed = await claimLiveDocument(
        db,
        name,
        stored ? entry.baseRevision : null,
        { state, baseState: merge.base, baseRevision: current.revision },
        now(),
      );
      if (claimed) {
        Y.applyUpdate(document, merge.update, MERGE);
        entry.baseState = merge.base;
        entry.baseRevision = current.revision;
        return;
      }
      if (attempt >= ATTEMPTS) throw new StaleBase(`live document ${name}: its base kept moving`);
      current = (await findArticle(db, name)) ?? current;
    }
  }

  /**
   * Stores the document's state and, when someone on this process typed something no revision holds yet
   * and the server's schema accepts it, writes it as a revision in the same transaction: both or neither.
   * A document the schema refuses is still stored (no one's typing is lost) but never becomes a
   * revision; its editors are told why.
   */
  async function store(name: string, document: D, onGone: () => void): Promise<void> {
    const entry = loaded.get(name);
    if (!entry) return;
    for (let attempt = 1; ; attempt++) {
      const article = await findArticle(db, name);
      if (!article) return onGone();
      // A write committed that has not been merged yet: merge it first, or this revision would undo it.
      await catchUp(name, document, entry, article);
      try {
        return await storeOnce(name, document, entry);
      } catch (error) {
        if (!(error instanceof StaleBase) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  async function storeOnce(name: string, document: D, entry: Loaded): Promise<void> {
    const text = readLiveText(document);
    const state = Y.encodeStateAsUpdate(document);
    const checked = checkLiveText(text);
    const { editor, edits } = entry;
    const typed = checked.ok && editor !== null && edits !== entry.savedEdits;
    // Another process may already have written this text as a revision (ADR 0033): never twice.
    if (!checked.ok || !editor || !typed || sameText(text, entry.baseState)) {
      if (!checked.ok) refuse(name, document, checked.message);
      await claimOrStale(db, name, entry.baseRevision, { ...baseOf(entry), state });
      if (typed) entry.savedEdits = edits;
      return;
    }
    // Those who type while this is written start the next revision's list.
    const contributors = entry.contributors;
    entry.contributors = new Map();
    try {
      const saved = await writeThenPurge(deps, async (trx) => {
        const { article: written } = await updateArticle(
          trx,
          deps.clock,
          editor,
          name,
          entry.baseRevision,
          { headline: checked.text.headline, dek: checked.text.dek, body: { ...checked.text.body } },
          { note: contributorsNote([...contributors.values()]) },
        );
        await claimOrStale(trx, name, entry.baseRevision, {
          state,
          baseState: state,
          baseRevision: written.revision,
        });
        return written;
      });
      entry.baseState = state;
      entry.baseRevision = saved.revision;
      // Those who typed while it was written stay for the next revision.
      for (const [id] of contributors)
        if (entry.contributors.get(id) !== undefined) entry.contributors.delete(id);
      // Typing that arrived while this was written is not in it: the next store makes it a revision.
      entry.savedEdits = edits;
      notify(document, { type: 'saved', revision: saved.revision });
    } catch (error) {
      // Not written: they are still to be named, before anyone who typed meanwhile.
      entry.contributors = new Map([...contributors, ...entry.contributors]);
      // A revision another process wrote a moment ago: catch up with it and try again.
      if (error instanceof StaleBase) throw error;
      if (error instanceof AppError && error.code === 'REVISION_CONFLICT') throw new StaleBase(error.message);
      // Refused by the saving path (the editor's role changed, say): keep the state, write no revision.
      refuse(name, document, error instanceof Error ? error.message : String(error));
      await claimOrStale(db, name, entry.baseRevision, { ...baseOf(entry), state });
    }
  }

  async function claimOrStale(
    target: typeof db,
    name: string,
    expectedBase: number,
    stored: StoredLiveDocument,
  ): Promise<void> {
    if (!(await claimLiveDocument(target, name, expectedBase, stored, now()))) {
      throw new StaleBase(`live document ${name}: the stored base moved`);
    }
  }

  function refuse(name: string, document: D, message: string): void {
    log.warn({ articleId: name, reason: message }, 'live document not saved as a revision');
    notify(document, { type: 'not-saved', message });
  }

  return { loaded, load, store, catchUp };
}

function baseOf(entry: Loaded): Pick<StoredLiveDocument, 'baseState' | 'baseRevision'> {
  return { baseState: entry.baseState, baseRevision: entry.baseRevision };
}

/** Whether the text is what the base state says: nothing to write as a revision. */
function sameText(text: LiveText, baseState: Uint8Array): boolean {
  const base = new Y.Doc();
  Y.applyUpdate(base, baseState);
  const same = JSON.stringify(readLiveText(base)) === JSON.stringify(text);
  base.destroy();
  return same;
}

/** The co-edited fields of an article as the newsroom edits them: a live article's staged version (ADR 0017). */
export function textOf(article: Article): LiveText {
  const copy = workingCopy(article);
  return { headline: copy.headline, dek: copy.dek, body: copy.body };
}

/**
 * A live revision's note when several people typed it (issue 17: a revision says who contributed): the
 * revision's author is the last of them, the note names them all. None for one person: the author says it.
 */
export function contributorsNote(names: readonly string[]): string | undefined {
  if (names.length < 2) return undefined;
  const listed = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `Written live by ${listed}.`;
}
