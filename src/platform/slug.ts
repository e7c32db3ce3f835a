/**
 * Slugs: the lower-case ASCII words in a reader's URL ("cafe-society"). Shared by sections, tags,
 * authors and articles so every URL on the site follows the same rule. Pure: no database, no HTTP.
 */

export const SLUG_MAX = 80;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Letters that Unicode decomposition does not reduce to ASCII, spelled the way newsrooms spell them. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  ø: 'o',
  Ø: 'o',
  œ: 'oe',
  Œ: 'oe',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};

/**
 * A slug made from a name: accents dropped ("Café Society" -> "cafe-society"), apostrophes removed
 * ("Editor's Picks" -> "editors-picks"), every other run of non-alphanumerics becomes one hyphen, cut
 * at a word boundary to `max`. Returns '' when nothing ASCII is left (a name in another script):
 * the caller then needs a slug given by hand.
 */
export function slugify(text: string, max: number = SLUG_MAX): string {
  const slug = text
    .replace(/[ßæÆøØœŒłŁđĐðÐþÞı]/g, (letter) => LETTERS[letter] ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  // Cut at the last whole word unless that would leave nothing.
  const atWord = slug[max] === '-' || !cut.includes('-') ? cut : cut.slice(0, cut.lastIndexOf('-'));
  return atWord.replace(/-+$/, '');
}

/**
 * The `n`th spelling of a slug for a second thing of the same name: "budget-vote-2", "budget-vote-3".
 * The base is shortened (at a hyphen where it can be) so the result stays within SLUG_MAX.
 */
export function numberedSlug(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${slugify(base, SLUG_MAX - suffix.length)}${suffix}`;
}

export type SlugCheck = { ok: true; value: string } | { ok: false; message: string };

/** Checks a slug typed by a person; the refusal suggests the slug they probably meant. */
export function checkSlug(raw: string): SlugCheck {
  const value = raw.trim();
  if (value === '') return { ok: false, message: 'A slug cannot be empty.' };
  if (value.length > SLUG_MAX) {
    return { ok: false, message: `A slug can have at most ${SLUG_MAX} characters (it has ${value.length}).` };
  }
  if (SLUG.test(value)) return { ok: true, value };
  const suggestion = slugify(value);
  return {
    ok: false,
    message:
      `"${value}" is not a slug: use lower-case letters a-z, digits and single hyphens` +
      (suggestion ? `, such as "${suggestion}".` : '.'),
  };
}

/**
 * The slug to use for a new thing: the one given, checked, or one made from its name. Refuses when
 * the name yields no slug, asking for one by hand.
 */
export function resolveSlug(name: string, given?: string | null): SlugCheck {
  if (given !== undefined && given !== null) return checkSlug(given);
  const value = slugify(name);
  if (value === '') {
    return {
      ok: false,
      message: `No slug can be made from "${name.trim()}"; give one using letters a-z, digits and hyphens.`,
    };
  }
  return { ok: true, value };
}
