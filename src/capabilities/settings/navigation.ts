/**
 * The paper's navigation, kept as settings (ADR 0019): one link a line, "Label | address", in the
 * order readers see them. An address is a path on this site ("/section/world") or an http(s) URL.
 * Pure: the settings check refuses a bad line with its number, and the site frame reads the links.
 */

export interface NavigationLink {
  readonly label: string;
  readonly href: string;
}

export const NAVIGATION_LINKS_MAX = 24;
export const NAVIGATION_LABEL_MAX = 40;

type Parsed = { ok: true; links: NavigationLink[] } | { ok: false; message: string };

/** Reads the stored text; a line that does not parse is a refusal naming its number. */
export function parseNavigation(value: string): Parsed {
  const links: NavigationLink[] = [];
  const lines = value.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.lastIndexOf('|');
    const where = `line ${index + 1} ("${line.slice(0, 60)}")`;
    if (at < 0)
      return { ok: false, message: `${where} needs "Label | address", such as "World | /section/world"` };
    const label = line.slice(0, at).trim();
    const href = line.slice(at + 1).trim();
    if (label === '' || label.length > NAVIGATION_LABEL_MAX)
      return { ok: false, message: `${where} needs a label of 1 to ${NAVIGATION_LABEL_MAX} characters` };
    const problem = checkAddress(href);
    if (problem) return { ok: false, message: `${where}: the address ${problem}` };
    links.push({ label, href });
  }
  if (links.length > NAVIGATION_LINKS_MAX)
    return { ok: false, message: `holds ${links.length} links; at most ${NAVIGATION_LINKS_MAX} fit a menu` };
  return { ok: true, links };
}

/** The links to show; a stored value this build cannot read shows none rather than breaking every page. */
export function navigationLinks(value: string): NavigationLink[] {
  const parsed = parseNavigation(value);
  return parsed.ok ? parsed.links : [];
}

/** The stored text for a list of links, as an editor would type it. */
export function formatNavigation(links: readonly NavigationLink[]): string {
  return links.map((link) => `${link.label} | ${link.href}`).join('\n');
}

export function checkNavigation(value: string): string | null {
  const parsed = parseNavigation(value);
  return parsed.ok ? null : parsed.message;
}

function checkAddress(href: string): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? null
      : 'must be an http(s) address or a path starting with /';
  } catch {
    return 'must be an http(s) address or a path starting with /';
  }
}
