import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { CONNECTING, type LiveState, type Person } from './live-state';

export type { LiveState } from './live-state';

/**
 * The article's live document (ADR 0031 for the server, ADR 0032 for this side): one Yjs document per
 * article, synced over Hocuspocus at /api/admin/v1/collab, kept in IndexedDB for offline work. Loaded
 * on its own (`import()` from the story screen) so Yjs and the provider stay out of the editor's first load.
 */

/** The WebSocket's path on this site; the staff session cookie goes with the upgrade. */
const LIVE_PATH = '/api/admin/v1/collab';

/** How long the story screen waits for the first sync before it edits over REST alone. */
const OPEN_WAIT_MS = 5000;

/** What the server's stateless messages carry (ADR 0031). */
type Notice =
  | { type: 'saved'; revision: number }
  | { type: 'not-saved'; message: string }
  | { type: 'editing-off'; message: string }
  | { type: 'comments-changed' }
  | { type: 'read-only'; message: string }
  | { type: 'read-write' };

export class LiveDocument {
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly kept: IndexeddbPersistence;
  /** IndexedDB held a state for this article: it only ever holds what came from the server (and edits on it). */
  private keptState = false;
  private state: LiveState = CONNECTING;
  private readonly listeners = new Set<() => void>();
  private readonly waiting: ReturnType<typeof setTimeout>;

  constructor(
    readonly articleId: string,
    private readonly me: Pick<Person, 'name' | 'color'>,
  ) {
    this.kept = new IndexeddbPersistence(`masthead-article-${articleId}`, this.doc);
    void this.kept.whenSynced.then(() => {
      this.keptState = this.doc.store.clients.size > 0;
    });
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${LIVE_PATH}`;
    // Back within seconds of the network's return (the `online` event below), not Hocuspocus's 30 s.
    this.socket = new HocuspocusProviderWebsocket({ url, maxDelay: 5000 });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.state = { ...this.state, editing: localStorage.getItem(this.unsavedKey) !== null };
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: articleId,
      document: this.doc,
      // The session cookie authenticates; Hocuspocus still wants a token to send.
      token: 'session-cookie',
      onSynced: () => this.set({ mode: 'live', connected: true, reason: null }),
      onAuthenticated: ({ scope }) => this.set({ readOnly: scope === 'readonly' }),
      onAuthenticationFailed: ({ reason }) => this.unavailable(reason),
      onStatus: ({ status }) => this.set({ connected: status === 'connected' && this.provider.isSynced }),
      onClose: () => this.dropped(),
      onStateless: ({ payload }) => this.notice(payload),
      onAwarenessChange: () => this.readPeople(),
    });
    this.provider.attach();
    this.provider.setAwarenessField('user', { name: me.name, color: me.color });
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      // Typing here (the body's sync plugin or our headline and dek): not the server, not IndexedDB.
      if (origin === this.provider || origin === this.kept || this.state.editing) return;
      // Remembered across reloads: typing kept offline is unsaved until the server says it saved it.
      localStorage.setItem(this.unsavedKey, new Date().toISOString());
      this.set({ editing: true });
    });
    this.waiting = setTimeout(() => {
      if (this.state.mode === 'connecting') this.dropped();
    }, OPEN_WAIT_MS);
  }

  private get unsavedKey(): string {
    return `newsroom.liveUnsaved.${this.articleId}`;
  }

  private readonly onOnline = () => {
    if (this.state.mode === 'live' && !this.state.connected) void this.socket.connect();
  };

  // The browser says the network is gone: a socket that seems open would only swallow edits until
  // Hocuspocus's own 30 s timeout. Edits stay in the document and IndexedDB until `online`.
  private readonly onOffline = () => {
    if (this.state.mode !== 'live') return;
    this.socket.disconnect();
    this.set({ connected: false });
  };

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.state;

  private set(change: Partial<LiveState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /**
   * The socket closed, or never opened in time. Once live, that is only "offline": the document and
   * IndexedDB keep the edits and the provider reconnects. Before the first sync it is live only when the
   * browser is offline and IndexedDB already holds a state the server sent once; otherwise the editor
   * saves over REST (a refused socket, co-editing switched off, a server without it).
   */
  private dropped(): void {
    if (this.state.mode === 'live') {
      this.set({ connected: false });
      return;
    }
    if (this.state.mode !== 'connecting') return;
    // IndexedDB is read first: its copy may hold typing the server has not seen, which only the live
    // document can show and send (a REST opening would show the older saved text).
    void this.kept.whenSynced.then(() => {
      if (this.state.mode !== 'connecting') return;
      if (!navigator.onLine && this.keptState) {
        clearTimeout(this.waiting);
        this.set({ mode: 'live', connected: false });
        return;
      }
      this.unavailable('Live editing is not available just now.');
    });
  }

  private unavailable(reason: string): void {
    if (this.state.mode === 'unavailable') return;
    clearTimeout(this.waiting);
    this.set({ mode: 'unavailable', reason });
    this.destroy();
  }

  private notice(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    switch (notice.type) {
      case 'saved':
        localStorage.removeItem(this.unsavedKey);
        this.set({ savedRevision: notice.revision, notSaved: null, editing: false });
        break;
      case 'not-saved':
        this.set({ notSaved: notice.message });
        break;
      case 'editing-off':
        // The server stored the document before saying so: everything typed here up to now is saved.
        // Nothing more may be typed into a document no one will store; a reload opens the REST editor.
        localStorage.removeItem(this.unsavedKey);
        this.set({ ended: notice.message, connected: false, editing: false });
        this.destroy();
        break;
      // The server no longer applies this person's typing (or does again): the fields say so at once.
      case 'read-only':
        this.set({ readOnly: true });
        break;
      case 'read-write':
        this.set({ readOnly: false });
        break;
      case 'comments-changed':
        this.set({ commentsChanged: this.state.commentsChanged + 1 });
        break;
    }
  }

  private readPeople(): void {
    const people: Person[] = [{ ...this.me, clientId: this.doc.clientID, you: true }];
    for (const [clientId, state] of this.provider.awareness?.getStates() ?? []) {
      const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
      if (clientId === this.doc.clientID || typeof user?.name !== 'string') continue;
      people.push({ name: user.name, color: String(user.color), clientId, you: false });
    }
    this.set({ people });
  }

  /** The Y.Text of headline or dek. */
  text(name: 'headline' | 'dek'): Y.Text {
    return this.doc.getText(name);
  }

  private destroyed = false;

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.waiting);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.provider.destroy();
    this.socket.destroy();
    void this.kept.destroy();
  }
}

export { liveAnchors, liveBodyExtensions } from './live-body';
