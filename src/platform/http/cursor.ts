/**
 * The page cursor of every Admin API list (articles, media, webhook deliveries): the sort time and id of
 * the last item given out, for keyset paging, as base64url JSON so clients treat it as opaque.
 */
export interface CursorPosition {
  readonly at: string;
  readonly id: string;
}

export const CURSOR_REFUSED = 'That page cursor is not one this server gave out.';

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** Reads a cursor back; anything this server did not give out is refused with the caller's own error. */
export function decodeCursor(cursor: string, refuse: (message: string) => Error): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // fall through to the refusal below
  }
  throw refuse(CURSOR_REFUSED);
}
