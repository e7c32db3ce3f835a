/** The live document's state as the story screen shows it (kept out of the lazily loaded code). */
export type LiveMode = 'connecting' | 'live' | 'unavailable';

export interface LiveState {
  mode: LiveMode;
  /** Whether the socket is up now (once live, a drop means offline: edits stay on this device). */
  connected: boolean;
  /** The server granted a read-only connection: this person may read the article but not edit it. */
  readOnly: boolean;
  /** Changes typed here since the server last said it saved a revision. */
  editing: boolean;
  /** The revision of the server's last `saved` message. */
  savedRevision: number | null;
  /** The server's words when it could not make the text a revision (`not-saved`). */
  notSaved: string | null;
  /** Everyone in the story now, this person first. */
  people: Person[];
  /** Why the live document is not used (the editor then saves every field over REST). */
  reason: string | null;
  /** The paper turned live editing off while this editor was open: the server saved it; a reload edits over REST. */
  ended: string | null;
  /** Counts the server's `comments-changed` messages: the comments list is asked for again at each. */
  commentsChanged: number;
}

/** Before the server has answered. */
export const CONNECTING: LiveState = {
  mode: 'connecting',
  connected: false,
  readOnly: false,
  editing: false,
  savedRevision: null,
  notSaved: null,
  people: [],
  reason: null,
  ended: null,
  commentsChanged: 0,
};

/** Someone in the story now, as the live document's awareness tells it. */
export interface Person {
  name: string;
  color: string;
  /** Their Yjs client id: one per open editor, so one person in two tabs shows twice. */
  clientId: number;
  you: boolean;
}

/**
 * Caret and name-tag colours: each dark enough for white text on it at 4.5:1 or more (WCAG AA), and
 * far enough apart to tell two people's carets from each other.
 */
const COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#a16207', '#be185d', '#374151', '#c2410c'];

/** A staff member's colour, the same on every device and in every article (from their id). */
export function colorOf(staffId: string): string {
  let hash = 0;
  for (const char of staffId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] as string;
}
