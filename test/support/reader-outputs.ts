/**
 * Every public page and machine output that could show an article's words: its page, the lists it is on,
 * the feeds, search (for `word`, and for a word of the article), the sitemaps and oEmbed (last). Tests
 * that prove some text never reaches readers (staged edits, staff comments) walk them all.
 */
export function readerOutputs(o: {
  /** The article's address, e.g. `/2026/11/16/harbour-reopens`. */
  path: string;
  /** The text that must not be found. */
  word: string;
  /** A word of the article, so one search does find it. */
  found: string;
  section: string;
  tag: string;
  /** The article's month, as its sitemap is named: `2026-11`. */
  month: string;
  /** An author's slug, for their page and feed. */
  author?: string;
}): string[] {
  return [
    o.path,
    '/',
    `/section/${o.section}`,
    `/tag/${o.tag}`,
    ...(o.author ? [`/by/${o.author}`, `/by/${o.author}/feed.xml`] : []),
    '/feed.xml',
    '/feed.atom',
    '/feed.json',
    `/section/${o.section}/feed.xml`,
    `/search?q=${o.word}`,
    `/search?q=${o.found}`,
    '/sitemap.xml',
    `/sitemaps/articles-${o.month}.xml`,
    '/sitemaps/news.xml',
    `/oembed?url=${encodeURIComponent(`https://news.example${o.path}`)}`,
  ];
}
