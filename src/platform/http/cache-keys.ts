/**
 * The names of what a cached reader page shows. A page lists its keys in the `Surrogate-Key`
 * header; a change purges exactly the pages holding its keys, here and at a CDN that honours the
 * header. Every page also carries SITE, purged when settings or legal documents change.
 */
export const CacheKey = {
  site: 'site',
  home: 'home',
  feeds: 'feeds',
  sitemaps: 'sitemaps',
  search: 'search',
  legal: 'legal',
  article: (id: string) => `article:${id}`,
  section: (id: string) => `section:${id}`,
  tag: (id: string) => `tag:${id}`,
  author: (id: string) => `author:${id}`,
  /** Every page showing a photo: purged when its files are made or its credits change. */
  media: (id: string) => `media:${id}`,
} as const;

/** Sets the page's keys (SITE always included); the page cache and CDNs read them from the header. */
export function surrogateKeys(reply: { header(name: string, value: string): unknown }, keys: string[]): void {
  reply.header('surrogate-key', [...new Set([CacheKey.site, ...keys])].join(' '));
}
