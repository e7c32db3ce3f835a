/** Tags: flat topic labels an article carries ("Elections", "Climate"). Pure domain. */

export interface Tag {
  readonly id: string;
  readonly name: string;
  /** Unique; a tag's address on the reader site and how names are matched ("Café" finds "cafe"). */
  readonly slug: string;
  readonly createdAt: string;
}

export const TAG_NAME_MAX = 80;

export type TagNameCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkTagName(raw: string): TagNameCheck {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '' || value.length > TAG_NAME_MAX) {
    return { ok: false, message: `A tag needs a name of 1 to ${TAG_NAME_MAX} characters.` };
  }
  return { ok: true, value };
}
