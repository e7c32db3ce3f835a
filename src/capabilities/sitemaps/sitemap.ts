/**
 * Sitemaps: their addresses, how articles are split between them and what images an article
 * shows. Pure domain: no database, no HTTP.
 */
import type { ArticleDocument } from '../articles/document/index.js';
import { checkImageSrc } from '../articles/document/index.js';
import { absolute } from '../site/index.js';

/**
 * URLs per article sitemap. The protocol allows 50,000; a thousand keeps every sitemap a quick
 * render (each reads its articles' bodies for images) and a month with more is split into pages.
 */
export const ARTICLES_PER_SITEMAP = 1000;
/** Google News reads articles first published in the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX = 1000;
/** Google reads at most 1,000 images per page. */
export const IMAGES_PER_URL = 1000;

export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** Months are calendar months in UTC ("2026-11"), so an article's month never depends on settings. */
export type Month = string;

export const sitemapPaths = {
  index: '/sitemap.xml',
  /** Page 1 of a month has no number: /sitemaps/articles-2026-11.xml, then articles-2026-11-2.xml. */
  articles: (month: Month, page = 1) => `/sitemaps/articles-${month}${page > 1 ? `-${page}` : ''}.xml`,
  news: '/sitemaps/news.xml',
  sections: '/sitemaps/sections.xml',
  authors: '/sitemaps/authors.xml',
};

/**
 * Reads an article sitemap's file name ("articles-2026-11.xml", "articles-2026-11-2.xml"). Only
 * the one spelling of each sitemap is accepted ("-1" and "-02" are not), so each has one address.
 */
export function parseArticlesFile(name: string): { month: Month; page: number } | null {
  const match = /^articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,5}))?\.xml$/.exec(name);
  if (!match) return null;
  return { month: `${match[1]}-${match[2]}`, page: match[3] ? Number(match[3]) : 1 };
}

/** The first instant of the month and of the next, as ISO text comparable with stored times. */
export function monthRange(month: Month): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(year, mon - 1, 1)).toISOString(),
    to: new Date(Date.UTC(year, mon, 1)).toISOString(),
  };
}

/**
 * The language code Google News wants: ISO 639 ("en", "fr"), except Chinese, written zh-cn or
 * zh-tw. Taken from the publication.locale setting ("en-US" -> "en").
 */
export function newsLanguage(locale: string): string {
  const [language = 'en', ...rest] = locale.toLowerCase().split('-');
  if (language !== 'zh') return language;
  return rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo' || part === 'hant')
    ? 'zh-tw'
    : 'zh-cn';
}

/**
 * Absolute addresses of the pictures an article shows: the images in its body that have an address
 * (images known only by media-library id have none yet). When articles carry a lead image, its
 * address belongs first in this list.
 */
export function articleImages(body: ArticleDocument | null, publicUrl: URL): string[] {
  if (!body) return [];
  const found = new Set<string>();
  // Images sit only at the top of the body: quotations and lists hold no media.
  for (const node of body.content) {
    if (node.type !== 'image' || !node.attrs.src) continue;
    const src = checkImageSrc(node.attrs.src);
    if (src.ok) found.add(src.url.startsWith('/') ? absolute(publicUrl, src.url) : src.url);
  }
  return [...found].slice(0, IMAGES_PER_URL);
}
