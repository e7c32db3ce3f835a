import { ApiError, api, OfflineError } from '../api/client';
import type { Article } from '../api/types';
import { forgetLocalWork, keepLocalWork } from './local-work';
import {
  changedFields,
  type FieldName,
  fieldsOf,
  LIVE_FIELDS,
  pick,
  rebaseWork,
  type StoryFields,
} from './story-fields';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'failed';

export interface SaverState {
  status: SaveStatus;
  /** The server's latest version as this app knows it. */
  article: Article;
  fields: StoryFields;
  /** API refusals in words, by the field they concern ("form" when no field is named). */
  errors: Partial<Record<FieldName | 'form', string>>;
  /** Someone else's version, when the server refused a save as stale (409). */
  conflict: Article | null;
  /** The version both sides started from, so the merge view asks only about what both changed. */
  conflictBase: Article | null;
  /** Counts replacements of the body from outside the editor (a merge), so the editor reloads it. */
  bodyVersion: number;
}

/** Autosave fires this long after the last change (the issue asks for within 2 s). */
export const AUTOSAVE_MS = 1500;

/**
 * Saves one article's edits. Saves go one at a time: while one is in flight the next waits, and it is based
 * on the revision the previous one returned, so the app never conflicts with its own saves. Every change is
 * first kept in IndexedDB; it is forgotten only once the server has acknowledged exactly that text.
 * A live article is saved like any other: the server stages its edits (readers see them after Update).
 *
 * While the article's live document is open (`goLive`), headline, dek and body belong to it: the server
 * saves them as revisions itself, and this saver sends only the other fields. Those revisions move the
 * article on under this saver's base, so its next PATCH is a 409; the 409's `current` goes through the
 * same rebase as any other (`rebaseWork`) with the live fields taken as they are on screen, so a 409 that
 * only the live document caused is sent again on the new revision at once, and one where someone else
 * changed a field this device changed too still opens the merge view. Reading the current revision
 * before each PATCH instead would look simpler but is wrong: a change someone else made to the same
 * field between that read and this PATCH would be overwritten without a word.
 */
export class StorySaver {
  private state: SaverState;
  /** The fields as last acknowledged by the server, in this app's form (the server may normalise them). */
  private known: StoryFields;
  /** A save sent on the current base whose answer has not come back (it may have landed). */
  private sent: Partial<StoryFields> | undefined;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  /** Headline, dek and body are the live document's (see above). */
  private live = false;
  private keepTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOnline = () => {
    if (this.state.status === 'offline') void this.saveNow();
  };

  constructor(
    private readonly id: string,
    article: Article,
    fields: StoryFields,
    status: SaveStatus = 'saved',
    sent?: Partial<StoryFields>,
  ) {
    this.known = fieldsOf(article);
    this.sent = sent;
    this.state = { status, article, fields, errors: {}, conflict: null, conflictBase: null, bodyVersion: 0 };
    window.addEventListener('online', this.onOnline);
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.keepTimer) void this.keep();
    window.removeEventListener('online', this.onOnline);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.state;

  private set(change: Partial<SaverState>) {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** From now on headline, dek and body are the live document's: never sent, never a conflict here. */
  goLive(): void {
    this.live = true;
    this.known = this.withLiveFields(this.known);
  }

  /** Whether this device holds headline, dek or body that the server has not acknowledged. */
  hasUnsavedLiveFields(): boolean {
    return changedFields(this.known, this.state.fields).some((name) => LIVE_FIELDS.includes(name));
  }

  /** The live document's text as it is now (for the word count, the preview and the checks): not sent. */
  editLive(change: Partial<Pick<StoryFields, 'headline' | 'dek' | 'body'>>): void {
    this.known = { ...this.known, ...change };
    this.set({ fields: { ...this.state.fields, ...change } });
    // The base is kept too, so the screen opens again without a network (the live text is in IndexedDB).
    this.keepSoon();
  }

  /**
   * The server saved the live document as a revision (its `saved` message; `article` read after it):
   * the new base, taken like a 409's `current` (other fields someone changed come in, this device's own
   * unsaved ones stay and are sent on it), so the next PATCH or workflow step starts on it.
   */
  liveSaved(article: Article): void {
    if (!this.live || this.running || article.revision <= this.state.article.revision) return;
    if (this.state.status === 'conflict') return;
    const theirs = this.asLive(article);
    if (!this.rebase(theirs, this.sent)) {
      this.set({ status: 'conflict', conflict: theirs, conflictBase: this.state.article });
    }
  }

  /** These fields with the live ones as on screen, while live: the live document decides them. */
  private withLiveFields(fields: StoryFields): StoryFields {
    if (!this.live) return fields;
    const { headline, dek, body } = this.state.fields;
    return { ...fields, headline, dek, body };
  }

  /** A server version with the live fields as on screen, while live (a 409's `current`, say). */
  private asLive(article: Article): Article {
    if (!this.live) return article;
    const { headline, dek, body } = this.state.fields;
    return { ...article, headline, dek, body };
  }

  /** A change on screen: kept on this device at once, sent to the server after a pause. */
  edit(change: Partial<StoryFields>): void {
    const fields = { ...this.state.fields, ...change };
    const errors = { ...this.state.errors };
    for (const name of Object.keys(change)) delete errors[name as FieldName];
    const waiting = this.state.status === 'conflict' || this.state.status === 'offline';
    this.set({ fields, errors, status: waiting ? this.state.status : 'pending' });
    this.keepSoon();
    if (this.state.status === 'conflict') return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), AUTOSAVE_MS);
  }

  /** IndexedDB is written at most every 250 ms while typing: a crash loses at most that much. */
  private keepSoon(): void {
    if (this.keepTimer) return;
    this.keepTimer = setTimeout(() => void this.keep(), 250);
  }

  private keep(): Promise<void> {
    clearTimeout(this.keepTimer);
    this.keepTimer = undefined;
    // Live text is kept by the live document's own IndexedDB copy; here it stays the base's, so a later
    // REST-only opening never sends it as if it were unsaved work.
    const base = this.state.article;
    const { headline, dek, body } = base;
    return keepLocalWork(this.id, {
      base,
      fields: this.live ? { ...this.state.fields, headline, dek, body } : this.state.fields,
      keptAt: new Date().toISOString(),
      ...(this.sent ? { sent: this.sent } : {}),
    });
  }

  /** Sends what is unsaved now (Ctrl/Cmd-S, before a workflow step); resolves when nothing is in flight. */
  async saveNow(): Promise<void> {
    clearTimeout(this.timer);
    if (this.state.status === 'conflict') return;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.send();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (this.again) {
      this.again = false;
      await this.saveNow();
    }
  }

  private async send(): Promise<void> {
    const sent = this.state.fields;
    const names = changedFields(this.known, sent);
    if (names.length === 0) {
      this.set({ status: 'saved' });
      await forgetLocalWork(this.id);
      return;
    }
    this.set({ status: 'saving' });
    // Remembered (and kept on the device) until the answer comes: if it never does, the save may still
    // have landed, and the next 409 must not be taken for someone else's edit.
    this.sent = pick(sent, names);
    await this.keep();
    try {
      const article = await api<Article>(`/articles/${this.id}`, {
        method: 'PATCH',
        body: { revision: this.state.article.revision, ...pick(sent, names) },
      });
      this.sent = undefined;
      this.known = { ...this.known, ...pick(sent, names) };
      const stillChanged = changedFields(this.known, this.state.fields).length > 0;
      this.set({ article, status: stillChanged ? 'pending' : 'saved' });
      if (stillChanged) this.again = true;
      else {
        clearTimeout(this.keepTimer);
        this.keepTimer = undefined;
        await forgetLocalWork(this.id);
      }
    } catch (error) {
      this.refused(error);
    }
  }

  private refused(error: unknown): void {
    if (error instanceof OfflineError) {
      this.set({ status: 'offline' });
      return;
    }
    if (error instanceof ApiError && error.code === 'REVISION_CONFLICT') {
      const theirs = this.asLive(error.details.current as Article);
      if (this.rebase(theirs, this.sent)) return;
      this.set({ status: 'conflict', conflict: theirs, conflictBase: this.state.article });
      return;
    }
    if (error instanceof ApiError) {
      const field = (error.field?.split(/[.[]/)[0] ?? 'form') as FieldName | 'form';
      this.set({ status: 'failed', errors: { ...this.state.errors, [field]: error.message } });
      return;
    }
    throw error;
  }

  /** Resolves once every save asked for so far has had its answer. */
  async settle(): Promise<void> {
    await this.saveNow();
    while (this.running) await this.running;
  }

  /** The server's answer to a workflow step is the new base; local edits stay as they are. */
  acknowledged(article: Article): void {
    this.known = this.withLiveFields(fieldsOf(article));
    this.set({ article });
  }

  /** The server replaced the article's content (a restored revision): the screen shows its version. */
  replaced(article: Article): void {
    // While live, the server merged the restored text into the live document: it arrives from there.
    this.known = this.withLiveFields(fieldsOf(article));
    this.set({
      article,
      fields: this.withLiveFields(fieldsOf(article)),
      status: 'saved',
      bodyVersion: this.live ? this.state.bodyVersion : this.state.bodyVersion + 1,
    });
    void forgetLocalWork(this.id);
  }

  /** A refusal of a workflow step, shown next to the field it concerns. */
  showError(error: unknown): void {
    this.refused(error);
  }

  /** The merge view's result: based on the other person's revision, so the next save goes through. */
  resolveConflict(merged: StoryFields): void {
    const theirs = this.state.conflict;
    if (!theirs) return;
    this.known = fieldsOf(theirs);
    this.sent = undefined;
    this.set({
      article: theirs,
      conflict: null,
      conflictBase: null,
      fields: merged,
      status: 'pending',
      bodyVersion: this.state.bodyVersion + 1,
    });
    void this.keep();
    void this.saveNow();
  }

  /**
   * Moves this device's work onto a newer server version when nobody changed a field differently
   * (`rebaseWork`), and sends it; false when the merge view must ask.
   */
  rebase(theirs: Article, sent: Partial<StoryFields> | undefined): boolean {
    const merged = rebaseWork(this.known, fieldsOf(theirs), this.state.fields, sent);
    if (!merged) return false;
    const bodyChanged = JSON.stringify(merged.body) !== JSON.stringify(this.state.fields.body);
    this.sent = undefined;
    this.known = fieldsOf(theirs);
    this.set({
      article: theirs,
      fields: merged,
      status: 'pending',
      bodyVersion: bodyChanged ? this.state.bodyVersion + 1 : this.state.bodyVersion,
    });
    void this.keep();
    if (this.running) this.again = true;
    else void this.saveNow();
    return true;
  }

  /** Opened with work kept on this device whose base is older than the server's version. */
  startConflict(theirs: Article, base: Article, sent?: Partial<StoryFields>): void {
    theirs = this.asLive(theirs);
    if (this.rebase(theirs, sent)) return;
    this.set({ status: 'conflict', conflict: theirs, conflictBase: base });
  }
}
