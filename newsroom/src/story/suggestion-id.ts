/**
 * Suggestion ids (issue 17): `<staff id>.<epoch ms>.<6 lowercase base36 characters>`, e.g.
 * `0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.1765012345678.k3j9zq`. The id is all a suggestion carries in the
 * body (the marks' only attribute the server keeps), so it says who made it and when; the random end keeps
 * two suggestions of the same person in the same millisecond apart. The server parses the same form.
 */
const SUGGESTION_ID =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{13})\.([0-9a-z]{6})$/;

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Six random base36 characters (crypto: ids made on two devices in one millisecond must not meet). */
function randomTail(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => BASE36[b % 36]).join('');
}

/** A new suggestion id for this staff member, now. */
export function makeSuggestionId(staffId: string, now: number = Date.now()): string {
  return `${staffId}.${now}.${randomTail()}`;
}

export interface SuggestionAuthor {
  staffId: string;
  /** When the suggestion was made. */
  at: Date;
}

/** Who made a suggestion and when; null for an id not in our form (a number from another tool, say). */
export function parseSuggestionId(id: unknown): SuggestionAuthor | null {
  if (typeof id !== 'string') return null;
  const match = SUGGESTION_ID.exec(id);
  if (!match) return null;
  return { staffId: match[1] as string, at: new Date(Number(match[2])) };
}
