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

const state: { csrfToken: string | null; reauthenticate: Reauthenticate | null } = {
  csrfToken: null,
  reauthenticate: null,
};

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function onSessionExpired(handler: Reauthenticate | null): void {
  state.reauthenticate = handler;
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
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: file ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError();
  }
  if (response.status === 401 && !options.noReauth && state.reauthenticate) {
    await state.reauthenticate();
    return api<T>(path, { ...options, noReauth: true });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (response.ok && options.as === 'text') return text as T;
  return answerOf<T>(response.status, text);
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
    await state.reauthenticate();
    return sendFile<T>(path, file, onProgress, true);
  }
  return answerOf<T>(status, text);
}
