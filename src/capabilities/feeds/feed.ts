/**
 * Feeds: what a feed holds, independent of its format, and where each feed lives. Pure domain:
 * no database, no HTTP. The writers (feed-writers.ts) turn a `FeedChannel` into RSS 2.0, Atom 1.0
 * or JSON Feed 1.1.
 */
import { authorPath, sectionPath } from '../site/index.js';

/** The file ending in the address names the format: /feed.xml, /feed.atom, /feed.json. */
export const FEED_FORMATS = ['xml', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  xml: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** Articles in each feed, newest first. */
export const FEED_SIZE = 30;

export function isFeedFormat(value: string): value is FeedFormat {
  return (FEED_FORMATS as readonly string[]).includes(value);
}

/** Feed addresses (paths), following the scheme in site/urls.ts. */
export const feedPaths = {
  site: (format: FeedFormat) => `/feed.${format}`,
  section: (path: string, format: FeedFormat) => `${sectionPath(path)}/feed.${format}`,
  author: (slug: string, format: FeedFormat) => `${authorPath(slug)}/feed.${format}`,
  corrections: (format: FeedFormat) => `/corrections/feed.${format}`,
};

export interface FeedPerson {
  name: string;
  /** Absolute address of the author's page. */
  url: string;
}

export interface FeedCategory {
  /** What a reader sees ("World", "Elections"). */
  label: string;
  /** The slug or section path, stable across renames of the label. */
  term: string;
  /** Absolute address of the page listing the category. */
  url: string;
  /** Absolute address of the list of such categories ("https://.../section/", "https://.../tag/"). */
  scheme: string;
}

/** One entry of a feed: an article, or a correction pointing at its article. */
export interface FeedEntry {
  /** A URI that never changes, even when the slug does ("urn:uuid:..."). */
  id: string;
  /** Plain text; the writers escape it. */
  title: string;
  /** Absolute address of the article. */
  url: string;
  /** Plain text (the dek, or the correction). */
  summary: string;
  /** HTML of the full text, or null when only the summary may be given. */
  contentHtml: string | null;
  authors: FeedPerson[];
  categories: FeedCategory[];
  /** ISO 8601. */
  published: string;
  updated: string;
  /** The lead photo with its credit: a photo never travels without it. */
  image?: { url: string; width: number; height: number; caption: string; credit: string } | null;
}

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute address of the HTML page the feed follows. */
  pageUrl: string;
  /** Absolute addresses of this feed in each format. */
  feedUrls: Record<FeedFormat, string>;
  /** BCP 47 tag from the publication.locale setting. */
  language: string;
  /** "© YEAR HOLDER. All rights reserved." and the reproduction notice, for the feed's rights field. */
  rights: string;
  /** Absolute address of the logo, or null. */
  logoUrl: string | null;
  publisher: string;
  /** Newest change of any entry; the time the feed was built when it has none. */
  updated: string;
  entries: FeedEntry[];
}

/** A stable URI for an article or correction id (UUIDv7 text), unaffected by slug changes. */
export function entryId(id: string): string {
  return `urn:uuid:${id}`;
}

/** The latest of several ISO times (they compare as text, being UTC with milliseconds). */
export function latest(...times: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const time of times) if (time && (best === null || time > best)) best = time;
  return best;
}
