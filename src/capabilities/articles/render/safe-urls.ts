import { checkImageSrc, checkLinkHref, checkWebUrl } from '../document/index.js';

/**
 * Addresses as the renderer emits them. The document was checked on save, but a body written
 * before a rule tightened (or by hand in the database) must still never put javascript: into a
 * reader's page, so each address is checked again here; a refused one is left out, never shown.
 */
export function safeLinkHref(raw: unknown): string | null {
  const check = checkLinkHref(raw);
  return check.ok ? check.url : null;
}

export function safeImageSrc(raw: unknown): string | null {
  const check = checkImageSrc(raw);
  return check.ok ? check.url : null;
}

export function safeWebUrl(raw: unknown): string | null {
  const check = checkWebUrl(raw);
  return check.ok ? check.url : null;
}

/** True for an http(s) address on another site; links there get rel="noopener". */
export function isExternal(href: string, siteOrigin: string): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return new URL(href).origin !== siteOrigin;
  } catch {
    return true;
  }
}
