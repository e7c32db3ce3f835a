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
  /** Where else readers find them (a personal site, a social profile), in the order given. */
  readonly links: readonly AuthorLink[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type AuthorKind = 'staff' | 'guest';

/** A link on the author's page: "Website", "Mastodon"; always an https address. */
export interface AuthorLink {
  readonly label: string;
  readonly url: string;
}

export const AUTHOR_LINKS_MAX = 10;
export const AUTHOR_LINK_LABEL_MAX = 60;
export const AUTHOR_LINK_URL_MAX = 2000;

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
 * An author's links: at most AUTHOR_LINKS_MAX, each a label of 1 to AUTHOR_LINK_LABEL_MAX
 * characters and an https address (a reader follows it from our page; no http, no other scheme).
 */
export function checkLinks(raw: readonly { label: string; url: string }[]): AuthorCheck<AuthorLink[]> {
  if (raw.length > AUTHOR_LINKS_MAX) {
    return {
      ok: false,
      message: `An author can have at most ${AUTHOR_LINKS_MAX} links (there are ${raw.length}).`,
    };
  }
  const links: AuthorLink[] = [];
  for (const [i, link] of raw.entries()) {
    const label = link.label.trim().replace(/\s+/g, ' ');
    const url = link.url.trim();
    if (label === '' || label.length > AUTHOR_LINK_LABEL_MAX) {
      return {
        ok: false,
        message: `Link ${i + 1} needs a label of 1 to ${AUTHOR_LINK_LABEL_MAX} characters.`,
      };
    }
    if (!isHttpsUrl(url) || url.length > AUTHOR_LINK_URL_MAX) {
      return {
        ok: false,
        message: `Link ${i + 1} ("${label}") is not an https address: use https://... (at most ${AUTHOR_LINK_URL_MAX} characters).`,
      };
    }
    links.push({ label, url });
  }
  return { ok: true, value: links };
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
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
