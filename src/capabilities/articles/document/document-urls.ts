/**
 * Which addresses a body may carry. An allow-list, not a block-list: anything other than http(s), mailto: and paths
 * on this site is refused, so javascript:, data:, vbscript: and schemes not yet invented never reach a reader.
 */
import { MAX_ATTRIBUTE_LENGTH } from './document.js';

export type UrlCheck = { ok: true; url: string } | { ok: false; problem: string };

/** An http(s) address with a host: what images, embeds and links to other sites use. */
export function checkWebUrl(raw: unknown): UrlCheck {
  const base = checkUrlText(raw);
  if (!base.ok) return base;
  return isWebUrl(base.url)
    ? base
    : refusal(base.url, 'must be a web address starting with https:// or http://');
}

/** Where a link may point: the web, an email address, or a page on this site. */
export function checkLinkHref(raw: unknown): UrlCheck {
  const base = checkUrlText(raw);
  if (!base.ok) return base;
  const url = base.url;
  if (isWebUrl(url) || isSitePath(url)) return base;
  if (/^mailto:[^/]/i.test(url)) return base;
  return refusal(url, 'must start with https://, http://, mailto: or / (a page on this site)');
}

/** Where an image may come from: the web or a path on this site (the media library serves under /media). */
export function checkImageSrc(raw: unknown): UrlCheck {
  const base = checkUrlText(raw);
  if (!base.ok) return base;
  if (isWebUrl(base.url) || isSitePath(base.url)) return base;
  return refusal(base.url, 'must start with https://, http:// or / (a file on this site)');
}

function checkUrlText(raw: unknown): UrlCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'must be an address written as text' };
  // Browsers strip surrounding whitespace before reading a scheme, so " javascript:" must be judged trimmed.
  const url = raw.trim();
  if (url === '') return { ok: false, problem: 'cannot be empty' };
  if (url.length > MAX_ATTRIBUTE_LENGTH.url) {
    return { ok: false, problem: `must be at most ${MAX_ATTRIBUTE_LENGTH.url} characters long` };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters inside a URL are how schemes get hidden
  if (/[\s\u0000-\u001f\u007f]/.test(url)) {
    return { ok: false, problem: 'cannot contain spaces or control characters (write a space as %20)' };
  }
  return { ok: true, url };
}

function isWebUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const parsed = new URL(url);
    // "https://bank.example@evil.example" shows one host and opens another; no newsroom link needs credentials.
    return parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** "/media/a.jpg" yes; "//evil.example" and "/\evil.example" no: browsers read both as another host. */
function isSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.includes('\\');
}

function refusal(url: string, problem: string): UrlCheck {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const never = scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript';
  return {
    ok: false,
    problem: never
      ? `${problem}; "${scheme}:" addresses are never allowed`
      : `${problem} (got "${clip(url)}")`,
  };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
