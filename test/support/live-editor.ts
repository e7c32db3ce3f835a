import type { AddressInfo } from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import * as Y from 'yjs';

/**
 * A live editor as the newsroom app will be one: Hocuspocus's own provider over a real WebSocket (the
 * `ws` package in Node) to a listening server, sending the staff session cookie on the upgrade.
 */
export interface LiveEditor {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  /** Stateless messages from the server (ADR 0031's notices), as parsed JSON. */
  readonly notices: { type: string; message?: string; revision?: number }[];
  /** The close codes of the connection so far (4401: the server closed the socket, the session is gone). */
  readonly closes: number[];
  /** 'read-write' or 'readonly', as the server granted. */
  readonly scope: string | undefined;
  /** Makes the provider stay down when the server goes away (no reconnecting to a stopped server). */
  stayDown(): void;
  /** Drops the connection as a lost network would; edits made meanwhile stay in `doc`. */
  goOffline(): void;
  /** Connects again and resolves once the server and this copy have exchanged what each missed. */
  goOnline(): Promise<void>;
  close(): Promise<void>;
}

/** The WebSocket address of a listening app. */
export function liveUrl(app: FastifyInstance): string {
  const { port } = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}/api/admin/v1/collab`;
}

/** The Cookie header of a signed-in staff member's request headers (test/support/auth.ts). */
export function cookieOf(headers: Record<string, string>): string {
  const cookie = headers.cookie;
  if (!cookie) throw new Error('these headers carry no session cookie');
  return cookie;
}

/**
 * Opens article `name` live; resolves once synced, or rejects with the server's refusal or after `syncMs`
 * (a process's first live connection loads the live documents: longer on a loaded machine).
 */
export async function openLive(
  url: string,
  name: string,
  cookie: string,
  syncMs = 5000,
): Promise<LiveEditor> {
  const doc = new Y.Doc();
  const notices: LiveEditor['notices'] = [];
  const closes: number[] = [];
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CookieSocket, maxAttempts: 1 });
  let provider: HocuspocusProvider | undefined;
  const synced = new Promise<void>((resolve, reject) => {
    provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: doc,
      token: 'session-cookie',
      onSynced: () => resolve(),
      onAuthenticationFailed: ({ reason }) => reject(new Error(`refused: ${reason}`)),
      onClose: ({ event }) => {
        closes.push(event.code);
        reject(new Error(`closed: ${event.code} ${event.reason}`));
      },
      onStateless: ({ payload }) => notices.push(JSON.parse(payload)),
    });
    provider.attach();
  });
  const opened = provider!;
  const close = async () => {
    opened.destroy();
    socket.destroy();
  };
  try {
    await withTimeout(synced, syncMs, `${name} never synced`);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    doc,
    provider: opened,
    notices,
    closes,
    get scope() {
      return opened.authorizedScope;
    },
    stayDown: () => {
      socket.shouldConnect = false;
    },
    goOffline: () => socket.disconnect(),
    goOnline: async () => {
      // connect() does nothing while the dropped socket's close is still on its way.
      await until(() => socket.status !== 'connected', `${name} is offline`);
      void socket.connect();
      await until(() => opened.isSynced && opened.unsyncedChanges === 0, `${name} synced again`);
    },
    close,
  };
}

/** Polls `check` until it holds (Yjs updates arrive over a socket, not at once). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The text of the body's paragraph `index` in a live document. */
export function paragraphText(doc: Y.Doc, index: number): string {
  const paragraph = doc.getXmlFragment('body').get(index);
  if (!(paragraph instanceof Y.XmlElement)) return '';
  return paragraph
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
    .join('');
}

/** Types `text` at the end of the body's paragraph `index`, as the editor would. */
export function typeAtEnd(doc: Y.Doc, index: number, text: string): void {
  const paragraph = doc.getXmlFragment('body').get(index);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error(`no paragraph ${index}`);
  let last = paragraph.get(paragraph.length - 1);
  if (!(last instanceof Y.XmlText)) {
    last = new Y.XmlText();
    paragraph.push([last]);
  }
  const target = last as Y.XmlText;
  target.insert(target.length, text);
}

/** A WebSocket upgrade's answer: its status, Retry-After and body (101 if accepted). */
export function upgrade(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; retryAfter?: string; body?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body });
        socket.terminate();
      });
    });
    socket.on('open', () => {
      resolve({ status: 101 });
      socket.close();
    });
    socket.on('error', reject);
  });
}
