import type { ErrorBody } from './types';

const API = '/api/admin/v1';

/** An answer from the API that is not a success, in the API's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field an error concerns (`details.field`), so the app can show it next to that field. */
  get field(): string | null {
    return typeof this.details.field === 'string' ? this.details.field : null;
  }
}

/** No answer at all: the browser is offline or the server is unreachable. */
export class OfflineError extends Error {
  constructor() {
    super('The newsroom server cannot be reached. Your work is kept on this device.');
    this.name = 'OfflineError';
  }
}

/**
 * Asked when the API answers 401 to a signed-in request (the session expired): resolves once the person
 * has signed in again, so the request can be retried and nothing they typed is lost.
 */
type Reauthenticate = () => Promise<void>;

const state: { csrfToken: string | null; reauthenticate: Reauthenticate | null; signIns: number } = {
  csrfToken: null,
  reauthenticate: null,
  signIns: 0,
};

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function onSessionExpired(handler: Reauthenticate | null): void {
  state.reauthenticate = handler;
}

/**
 * Called when a sign-in succeeds. A request sent before it (a poll in flight while the person typed
 * their password) may still come back 401 afterwards: it is sent again with the new session instead of
 * asking them to sign in a second time.
 */
export function sessionRenewed(): void {
  state.signIns += 1;
}

/** After a 401: waits for a new sign-in unless one happened since the request was sent. */
async function reauthenticateSince(signIns: number): Promise<void> {
  if (state.signIns === signIns) await state.reauthenticate?.();
}

async function refreshCsrfToken(): Promise<void> {
  const me = await api<{ csrfToken: string | null }>('/auth/me');
  state.csrfToken = me.csrfToken;
}

interface Options {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Sign-in and "who am I" must not open the sign-in dialog on a 401. */
  noReauth?: boolean;
  signal?: AbortSignal;
  /** The answer is text (the preview's HTML), not JSON; errors are JSON all the same. */
  as?: 'json' | 'text';
}

/** Calls the Admin API with the session cookie and, on writes, the CSRF token. */
export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (response.ok && options.as === 'text') return text as T;
  return answerOf<T>(response.status, text);
}

/**
 * A GET that costs a 304 while nothing changed: `etag` (the one the last answer gave) goes as
 * `If-None-Match`, and null comes back when the server says the answer is the same. The browser's own cache
 * is kept out of it, so the 304 reaches here instead of being turned into the cached answer.
 */
export async function apiIfChanged<T>(
  path: string,
  etag: string | null,
): Promise<{ data: T; etag: string | null } | null> {
  const response = await send(path, { ifNoneMatch: etag });
  if (response.status === 304) return null;
  const data = answerOf<T>(response.status, await response.text());
  return { data, etag: response.headers.get('etag') };
}

async function send(path: string, options: Options & { ifNoneMatch?: string | null }): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: options.as === 'text' ? 'text/html, application/json' : 'application/json',
  };
  // A file (a photo upload) goes as it is, with its own type and name; anything else as JSON.
  const file = options.body instanceof Blob ? options.body : null;
  if (file) {
    headers['content-type'] = file.type || 'application/octet-stream';
    if (file instanceof File) headers['x-filename'] = encodeURIComponent(file.name);
  } else if (options.body !== undefined) headers['content-type'] = 'application/json';
  // After a reload while offline the app started without its session's CSRF token: ask for it first.
  if (method !== 'GET' && !state.csrfToken && !options.noReauth) await refreshCsrfToken();
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  if (options.ifNoneMatch) headers['if-none-match'] = options.ifNoneMatch;
  const signIns = state.signIns;
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: file ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
      ...(options.ifNoneMatch === undefined ? {} : { cache: 'no-store' as const }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError();
  }
  if (response.status === 401 && !options.noReauth && state.reauthenticate) {
    await reauthenticateSince(signIns);
    return send(path, { ...options, noReauth: true });
  }
  return response;
}

/** The JSON of an answer, or the API's error in its own words. */
function answerOf<T>(status: number, text: string): T {
  let data: unknown = null;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status says what happened.
  }
  if (status < 200 || status >= 300) {
    const error = (data as ErrorBody | null)?.error;
    throw new ApiError(
      status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `The server answered ${status}.`,
      error?.details ?? {},
    );
  }
  return data as T;
}

/**
 * Sends a file as the request body with XMLHttpRequest, whose upload events give progress (fetch has
 * none): `onProgress` gets the share sent, 0 to 1. Same headers, errors and re-sign-in as `api`.
 */
export async function sendFile<T>(
  path: string,
  file: File,
  onProgress: (share: number) => void,
  noReauth = false,
): Promise<T> {
  if (!state.csrfToken) await refreshCsrfToken();
  const signIns = state.signIns;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API}${path}`);
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.setRequestHeader('x-filename', encodeURIComponent(file.name));
    if (state.csrfToken) request.setRequestHeader('x-csrf-token', state.csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    request.onerror = () => reject(new OfflineError());
    request.send(file);
  });
  if (status === 401 && !noReauth && state.reauthenticate) {
    await reauthenticateSince(signIns);
    return sendFile<T>(path, file, onProgress, true);
  }
  return answerOf<T>(status, text);
}
