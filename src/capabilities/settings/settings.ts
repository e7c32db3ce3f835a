/**
 * The publication's settings: every key, its meaning, its default and its check. Pure domain:
 * no database, no HTTP. An unknown key or a bad value is a refusal with a reason, not an exception.
 */
import { CONTROL_CHARACTERS, oneLine } from '../../platform/one-line.js';
import { checkNavigation } from './navigation.js';

interface TextSetting {
  kind: 'text';
  help: string;
  default: string;
  max: number;
  required?: boolean;
  /** Several lines, separated by "\n" alone; every other text setting is one line (issue 12, F7). */
  multiline?: boolean;
  check?: (value: string) => string | null;
}
interface IntegerSetting {
  kind: 'integer';
  help: string;
  default: number;
  min: number;
  max: number;
}
type SettingDefinition = TextSetting | IntegerSetting;

export const SETTINGS = {
  'publication.name': {
    kind: 'text',
    help: 'The name on the masthead of every page, in feeds and in mail.',
    default: 'Masthead',
    max: 120,
    required: true,
  },
  'publication.description': {
    kind: 'text',
    help: 'One sentence about the paper, used in search results and feeds.',
    default: '',
    max: 300,
  },
  'publication.logo': {
    kind: 'text',
    help: 'Address of the logo image (https://... or a path on this site such as /media/logo.png); empty for none.',
    default: '',
    max: 2000,
    check: checkLogo,
  },
  'publication.copyright_holder': {
    kind: 'text',
    help: 'Who holds the copyright, as printed in the footer: "© YEAR HOLDER. All rights reserved."',
    default: '',
    max: 200,
  },
  'publication.footer_notice': {
    kind: 'text',
    help: 'The reproduction notice printed in the footer of every page.',
    default: '',
    max: 1000,
    multiline: true,
  },
  'publication.locale': {
    kind: 'text',
    help: 'Language and region of the paper, as a BCP 47 tag such as en-US or fr-FR.',
    default: 'en-US',
    max: 35,
    required: true,
    check: checkLocale,
  },
  'publication.timezone': {
    kind: 'text',
    help: 'Time zone for dates shown to readers, as an IANA name such as America/New_York.',
    default: 'UTC',
    max: 64,
    required: true,
    check: checkTimezone,
  },
  'navigation.primary': {
    kind: 'text',
    help: 'The sections and links under the masthead of every page, in order: one a line, "Label | address" (a path such as /section/world, or an https:// address).',
    default: '',
    max: 3000,
    multiline: true,
    check: checkNavigation,
  },
  'navigation.footer': {
    kind: 'text',
    help: 'More links in the footer of every page, after the sections of the main navigation: one a line, "Label | address".',
    default: '',
    max: 3000,
    multiline: true,
    check: checkNavigation,
  },
  'wall.free_articles_per_month': {
    kind: 'integer',
    help: 'Free articles an anonymous reader may read each calendar month; 0 turns the registration wall off.',
    default: 5,
    min: 0,
    max: 1000,
  },
  // Bounds and default as OPEN_SHARE_PERCENT in articles/document/document-open.ts (a test keeps them equal):
  // search and feeds quote only what the smallest share opens.
  'wall.open_share_percent': {
    kind: 'integer',
    help: 'Share of a metered article, in percent of its paragraphs and other blocks, that a reader past the wall still reads: at least one block, never all of them.',
    default: 25,
    min: 10,
    max: 90,
  },
  'newsroom.editing': {
    kind: 'text',
    help: 'How staff edit an article\'s headline, dek and body: "live" lets several type at once, each seeing the others (the default); "single-writer" turns live editing off, and a save made on an older version is refused and shown side by side with the newer one.',
    default: 'live',
    max: 20,
    required: true,
    check: (value: string) =>
      value === 'live' || value === 'single-writer' ? null : 'must be "live" or "single-writer"',
  },
  'crawlers.ai_training': {
    kind: 'text',
    help: 'Whether AI crawlers may take the site for training: "block" shuts them out in robots.txt (the default), "allow" does not.',
    default: 'block',
    max: 20,
    required: true,
    check: (value: string) => (value === 'allow' || value === 'block' ? null : 'must be "allow" or "block"'),
  },
  'crawlers.robots_extra': {
    kind: 'text',
    help: 'Lines added to the end of robots.txt as typed (for example rules for one more crawler); empty for none.',
    default: '',
    max: 5000,
    multiline: true,
  },
  'rights.tdm_reservation': {
    kind: 'integer',
    help: 'Text and data mining rights reserved (1, the default) or not (0), said to machines by /.well-known/tdmrep.json and a tdm-reservation header (W3C TDMRep).',
    default: 1,
    min: 0,
    max: 1,
  },
  'rights.tdm_policy_url': {
    kind: 'text',
    help: 'Address of the policy saying how text and data mining may be licensed (https://... or a path on this site); empty for none.',
    default: '',
    max: 2000,
    check: checkLogo,
  },
} as const satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['kind'] extends 'integer'
  ? number
  : string;
export type Settings = { readonly [K in SettingKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTINGS[k].default])) as unknown as Settings;
}

export type SettingCheck =
  | { ok: true; key: SettingKey; value: string | number }
  | { ok: false; reason: 'unknown_key' | 'invalid_value' | 'control_characters'; message: string };

/**
 * Checks a value for a key. Accepts what a person types (the CLI gives strings) as well as JSON
 * values from the API, so "5" and 5 are both a valid count.
 */
export function checkSetting(key: string, raw: unknown): SettingCheck {
  if (!isSettingKey(key)) {
    return {
      ok: false,
      reason: 'unknown_key',
      message: `"${key}" is not a setting. Known settings: ${SETTING_KEYS.join(', ')}.`,
    };
  }
  const def: SettingDefinition = SETTINGS[key];
  if (def.kind === 'integer') {
    const n =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)
          ? Number(raw)
          : NaN;
    if (!Number.isInteger(n) || n < def.min || n > def.max) {
      return invalid(key, `must be a whole number from ${def.min} to ${def.max}`);
    }
    return { ok: true, key, value: n };
  }
  if (typeof raw !== 'string') return invalid(key, 'must be text');
  const value = raw.trim();
  if (def.required && value === '') return invalid(key, 'cannot be empty');
  if (value.length > def.max)
    return invalid(key, `must be at most ${def.max} characters (it has ${value.length})`);
  const control = (def.multiline ? MULTILINE_CONTROL : CONTROL_CHARACTERS).exec(value);
  if (control) {
    const what = LINE_BREAKS.test(control[0]) ? 'a line break' : 'a control character';
    return {
      ok: false,
      reason: 'control_characters',
      message: def.multiline
        ? `${key} may hold line breaks only as "\\n" and no other control character (it holds ${describe(control[0])}). ${def.help}`
        : `${key} must be one line of text: it holds ${what} (${describe(control[0])}). ${def.help}`,
    };
  }
  const problem = value === '' ? null : (def.check?.(value) ?? null);
  if (problem) return invalid(key, problem);
  return { ok: true, key, value };
}

/** The stable error code of a refusal: SETTING_UNKNOWN, SETTING_INVALID or SETTING_CONTROL_CHARACTERS. */
export function settingErrorCode(reason: Extract<SettingCheck, { ok: false }>['reason']): string {
  if (reason === 'unknown_key') return 'SETTING_UNKNOWN';
  return reason === 'control_characters' ? 'SETTING_CONTROL_CHARACTERS' : 'SETTING_INVALID';
}

// "\n" is the one control character a multi-line setting may hold.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const MULTILINE_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LINE_BREAKS = /[\n\r\u0085\u2028\u2029]/;

function describe(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A stored value as this build reads it. Rows written before control characters were refused may
 * hold some: each run in a single-line text becomes one space, and CR LF or CR in a multi-line one
 * becomes "\n", so such a row keeps its words rather than falling back to the default (or breaking
 * a mail header).
 */
export function storedSettingValue(key: SettingKey, raw: unknown): unknown {
  const def: SettingDefinition = SETTINGS[key];
  if (def.kind !== 'text' || typeof raw !== 'string') return raw;
  return def.multiline ? raw.replace(/\r\n?/g, '\n') : oneLine(raw);
}

function invalid(key: SettingKey, problem: string): SettingCheck {
  return { ok: false, reason: 'invalid_value', message: `${key} ${problem}. ${SETTINGS[key].help}` };
}

function checkLocale(value: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical === value ? null : `should be written "${canonical}"`;
  } catch {
    return `"${value}" is not a language tag`;
  }
}

function checkTimezone(value: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return null;
  } catch {
    return `"${value}" is not a known time zone`;
  }
}

function checkLogo(value: string): string | null {
  if (value.startsWith('/') && !value.startsWith('//')) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? null
      : 'must be an http(s) address or a path';
  } catch {
    return 'must be an http(s) address or a path starting with /';
  }
}
