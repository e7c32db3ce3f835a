/**
 * Reader accounts, the pure part: what a valid address, password, name and newsletter choice are,
 * and where a reader may be sent back to. No framework, no database.
 */

export type Check<T> = { ok: true; value: T } | { ok: false; field: string; code: string; message: string };

/** The newsletters a reader can choose now; the lists themselves come later, the choices are kept. */
export const NEWSLETTER_LISTS = [
  {
    id: 'daily-briefing',
    name: 'The Daily Briefing',
    description: 'The day’s essential stories, each morning.',
  },
  { id: 'breaking-news', name: 'Breaking News', description: 'An alert when major news breaks.' },
  {
    id: 'weekend',
    name: 'The Weekend Edition',
    description: 'Long reads and the week in review, on Saturdays.',
  },
] as const;

export type NewsletterId = (typeof NEWSLETTER_LISTS)[number]['id'];

export const PASSWORD_MIN = 10;
/** argon2 takes any length, but a megabyte "password" is an attack on the hasher, not a password. */
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 80;

/** One address is one account whatever its case; the stored and compared form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(raw: string | undefined): Check<string> {
  const email = (raw ?? '').trim();
  if (email === '') {
    return { ok: false, field: 'email', code: 'EMAIL_MISSING', message: 'Enter your email address.' };
  }
  if (email.length > 254 || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) {
    return {
      ok: false,
      field: 'email',
      code: 'EMAIL_INVALID',
      message: 'Enter an email address like name@example.com.',
    };
  }
  return { ok: true, value: email };
}

/** The domain part of an address (after the last @), lower-cased. */
export function emailDomain(email: string): string {
  const normalised = normaliseEmail(email);
  return normalised.slice(normalised.lastIndexOf('@') + 1);
}

export function checkPassword(raw: string | undefined, field = 'password'): Check<string> {
  const password = raw ?? '';
  if (password.length < PASSWORD_MIN) {
    return {
      ok: false,
      field,
      code: 'PASSWORD_TOO_SHORT',
      message: `Choose a password of at least ${PASSWORD_MIN} characters.`,
    };
  }
  if (password.length > PASSWORD_MAX) {
    return {
      ok: false,
      field,
      code: 'PASSWORD_TOO_LONG',
      message: `Choose a password of at most ${PASSWORD_MAX} characters.`,
    };
  }
  return { ok: true, value: password };
}

/** A name to greet the reader by; empty means none. Control characters are refused, not stripped. */
export function checkDisplayName(raw: string | undefined): Check<string | null> {
  const name = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: true, value: null };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (name.length > DISPLAY_NAME_MAX || /[\u0000-\u001f\u007f]/.test(name)) {
    return {
      ok: false,
      field: 'display_name',
      code: 'DISPLAY_NAME_INVALID',
      message: `Use at most ${DISPLAY_NAME_MAX} characters for your name.`,
    };
  }
  return { ok: true, value: name };
}

/** The chosen lists, from a form field sent once, many times or not at all; unknown ids are refused. */
export function checkNewsletterChoices(raw: unknown): Check<NewsletterId[]> {
  const given = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const known = new Set<string>(NEWSLETTER_LISTS.map((l) => l.id));
  const chosen: NewsletterId[] = [];
  for (const id of given) {
    if (typeof id !== 'string' || !known.has(id)) {
      return {
        ok: false,
        field: 'newsletters',
        code: 'NEWSLETTER_UNKNOWN',
        message: 'One of the newsletters chosen does not exist; reload the page and choose again.',
      };
    }
    if (!chosen.includes(id as NewsletterId)) chosen.push(id as NewsletterId);
  }
  // Kept in the order of NEWSLETTER_LISTS, so the stored value does not depend on the form's order.
  return { ok: true, value: NEWSLETTER_LISTS.map((l) => l.id).filter((id) => chosen.includes(id)) };
}

/** The stored JSON of choices, read defensively: a list id that no longer exists is dropped. */
export function parseNewsletters(json: string): NewsletterId[] {
  try {
    const parsed: unknown = JSON.parse(json);
    const known = new Set<string>(NEWSLETTER_LISTS.map((l) => l.id));
    return Array.isArray(parsed) ? (parsed.filter((id) => known.has(id)) as NewsletterId[]) : [];
  } catch {
    return [];
  }
}

const RETURN_BASE = 'http://return.invalid';

/**
 * A path on this site to send the reader back to, or '/'. Anything that would leave the site
 * (`//evil`, `/\evil`, `https://...`, control characters) becomes '/': never an open redirect.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip these, so they hide tricks
  if (!value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, RETURN_BASE);
  } catch {
    return '/';
  }
  if (url.origin !== RETURN_BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? '/' : path;
}
