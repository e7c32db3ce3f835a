/**
 * Authors: anyone a byline can credit. A staff member's profile is linked to their account; a
 * guest contributor (wire reporter, freelancer) has a byline page but no login. Pure domain.
 */

export interface Author {
  readonly id: string;
  readonly name: string;
  /** Unique; the author's byline page address. */
  readonly slug: string;
  readonly bio: string;
  /** The staff account this profile belongs to; null for a guest contributor. */
  readonly staffId: string | null;
  /** Who they write for when it is not this paper, "Reuters". */
  readonly affiliation: string | null;
  readonly photoUrl: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type AuthorKind = 'staff' | 'guest';

export function authorKind(author: Pick<Author, 'staffId'>): AuthorKind {
  return author.staffId === null ? 'guest' : 'staff';
}

export const AUTHOR_NAME_MAX = 120;
export const AUTHOR_BIO_MAX = 2000;
export const AUTHOR_AFFILIATION_MAX = 120;
export const AUTHOR_PHOTO_URL_MAX = 2000;

export type AuthorCheck<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkAuthorName(raw: string): AuthorCheck<string> {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '' || value.length > AUTHOR_NAME_MAX) {
    return { ok: false, message: `An author needs a name of 1 to ${AUTHOR_NAME_MAX} characters.` };
  }
  return { ok: true, value };
}

export function checkBio(raw: string): AuthorCheck<string> {
  const value = raw.trim();
  if (value.length > AUTHOR_BIO_MAX) {
    return {
      ok: false,
      message: `A bio can have at most ${AUTHOR_BIO_MAX} characters (it has ${value.length}).`,
    };
  }
  return { ok: true, value };
}

/** Empty means none. */
export function checkAffiliation(raw: string | null): AuthorCheck<string | null> {
  const value = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (value.length > AUTHOR_AFFILIATION_MAX) {
    return { ok: false, message: `An affiliation can have at most ${AUTHOR_AFFILIATION_MAX} characters.` };
  }
  return { ok: true, value: value === '' ? null : value };
}

/**
 * Empty means none. Otherwise an http(s) address or a path on this site: the reader site puts it
 * in an <img src>, so no javascript: or data: addresses.
 */
export function checkPhotoUrl(raw: string | null): AuthorCheck<string | null> {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, value: null };
  if (value.length > AUTHOR_PHOTO_URL_MAX) {
    return { ok: false, message: `A photo address can have at most ${AUTHOR_PHOTO_URL_MAX} characters.` };
  }
  if (value.startsWith('/') && !value.startsWith('//')) return { ok: true, value };
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { ok: true, value };
  } catch {
    // Falls through to the refusal below.
  }
  return {
    ok: false,
    message: `"${value}" is not a photo address: use https://... or a path on this site such as /media/jane.jpg.`,
  };
}
