/**
 * Every reader-facing address, in one place, so pages, feeds, sitemaps, mail and JSON-LD link alike.
 * Paths only; absolute URLs come from `absolute()` with the configured PUBLIC_URL.
 *
 *   /                               front page
 *   /YYYY/MM/DD/<slug>              article (date of first publication, in the publication's time zone)
 *   /section/<path>                 section page ("world/europe")
 *   /tag/<slug>                     tag page
 *   /by/<slug>                      author page
 *   /legal/<terms|privacy>          current legal document; /legal/<kind>/v/<n> an earlier version
 *   /search?q=                      search
 *   /account                        the reader's account (sign in or sign up when signed out)
 *   /feed.xml /feed.atom /feed.json site feeds; the same three under /section/<path>/ and /by/<slug>/
 *   /corrections/feed.xml           corrections feed
 *   /sitemap.xml                    sitemap index; /sitemaps/... the sitemaps it lists
 */

/** Building a DateTimeFormat costs about a quarter of a millisecond; a page asks for several addresses. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

export function articlePath(
  article: { slug: string; firstPublishedAt: string | null },
  timeZone: string,
): string {
  if (!article.firstPublishedAt) return `/drafts/${encodeURIComponent(article.slug)}`;
  return `/${datePath(article.firstPublishedAt, timeZone)}/${encodeURIComponent(article.slug)}`;
}

/**
 * "2026/11/16" for an instant in the time zone. formatToParts is the dearest step of a list page's
 * render (a home page links some fifty articles), and the same stories are linked from every list,
 * so days are remembered; the map is emptied when it grows past DAY_PATHS_KEPT.
 */
const dayPaths = new Map<string, string>();
const DAY_PATHS_KEPT = 10_000;
function datePath(iso: string, timeZone: string): string {
  const key = `${timeZone} ${iso}`;
  let path = dayPaths.get(key);
  if (path === undefined) {
    const parts = dayFormat(timeZone).formatToParts(new Date(iso));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    path = `${get('year')}/${get('month')}/${get('day')}`;
    if (dayPaths.size >= DAY_PATHS_KEPT) dayPaths.clear();
    dayPaths.set(key, path);
  }
  return path;
}

export const sectionPath = (path: string) => `/section/${path.split('/').map(encodeURIComponent).join('/')}`;
export const tagPath = (slug: string) => `/tag/${encodeURIComponent(slug)}`;
export const authorPath = (slug: string) => `/by/${encodeURIComponent(slug)}`;
export const legalPath = (kind: 'terms' | 'privacy', version?: number) =>
  version === undefined ? `/legal/${kind}` : `/legal/${kind}/v/${version}`;
export const searchPath = (query?: string) => (query ? `/search?q=${encodeURIComponent(query)}` : '/search');
export const accountPath = () => '/account';

/** An absolute URL on this site, from PUBLIC_URL (which may carry a path prefix). */
export function absolute(publicUrl: URL, path: string): string {
  const base = publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`;
  return new URL(path.replace(/^\//, ''), base).href;
}
