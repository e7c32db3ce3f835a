/**
 * One `FeedChannel`, three formats. Written here rather than with the `feed` package, whose 6.0
 * release writes JSON Feed 1.0 (not 1.1), marks Atom titles as HTML, escapes only the first "]]>"
 * inside CDATA and omits the namespace of its own RSS extensions when no item has full text.
 * Every value goes through the escaping XML writer (feed-xml.ts) or JSON.stringify.
 */
import { type FeedChannel, type FeedEntry, latest } from './feed.js';
import { el, type Xml, xmlDocument } from './feed-xml.js';

const GENERATOR = 'Masthead';

/** RSS 2.0 with content:encoded (full text), dc:creator (bylines) and atom:link (self). */
export function writeRss(channel: FeedChannel): string {
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      el(
        'channel',
        {},
        el('title', {}, channel.title),
        el('link', {}, channel.pageUrl),
        // Readers take a channel's description as HTML, as an item's: escaped, staff text stays text.
        el('description', {}, escapeHtml(channel.description)),
        el('atom:link', { href: channel.feedUrls.xml, rel: 'self', type: 'application/rss+xml' }),
        el('language', {}, channel.language),
        channel.rights && el('copyright', {}, channel.rights),
        el('lastBuildDate', {}, rfc822(channel.updated)),
        el('generator', {}, GENERATOR),
        el('docs', {}, 'https://www.rssboard.org/rss-specification'),
        channel.logoUrl &&
          el(
            'image',
            {},
            el('url', {}, channel.logoUrl),
            el('title', {}, channel.title),
            el('link', {}, channel.pageUrl),
          ),
        ...channel.entries.map(rssItem),
      ),
    ),
  );
}

function rssItem(entry: FeedEntry): Xml {
  return el(
    'item',
    {},
    // RSS titles are plain text: escaped once for XML, never marked up.
    el('title', {}, entry.title),
    el('link', {}, entry.url),
    el('guid', { isPermaLink: 'false' }, entry.id),
    el('pubDate', {}, rfc822(entry.published)),
    // description is HTML in RSS; escaping the plain summary keeps it text after decoding.
    entry.summary && el('description', {}, escapeHtml(entry.summary)),
    entry.contentHtml !== null && el('content:encoded', {}, entry.contentHtml),
    ...entry.authors.map((author) => el('dc:creator', {}, author.name)),
    ...entry.categories.map((category) => el('category', { domain: category.url }, category.label)),
    entry.image ? mediaContent(entry.image) : false,
  );
}

/** Media RSS: the photo, its caption and its credit, as feed readers and aggregators read them. */
function mediaContent(image: NonNullable<FeedEntry['image']>): Xml {
  return el(
    'media:content',
    {
      url: image.url,
      medium: 'image',
      type: 'image/jpeg',
      width: String(image.width),
      height: String(image.height),
    },
    image.caption ? el('media:description', { type: 'plain' }, image.caption) : false,
    image.credit ? el('media:credit', { role: 'photographer' }, image.credit) : false,
  );
}

/** Atom 1.0 (RFC 4287). Titles and summaries are type="text"; full text is type="html". */
export function writeAtom(channel: FeedChannel): string {
  return xmlDocument(
    el(
      'feed',
      {
        xmlns: 'http://www.w3.org/2005/Atom',
        'xml:lang': channel.language,
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      el('id', {}, channel.feedUrls.atom),
      el('title', { type: 'text' }, channel.title),
      channel.description && el('subtitle', { type: 'text' }, channel.description),
      el('updated', {}, channel.updated),
      el('link', { rel: 'self', type: 'application/atom+xml', href: channel.feedUrls.atom }),
      el('link', { rel: 'alternate', type: 'text/html', href: channel.pageUrl }),
      // The publisher stands as author of the feed, so an entry without a byline is still valid Atom.
      el('author', {}, el('name', {}, channel.publisher)),
      channel.rights && el('rights', { type: 'text' }, channel.rights),
      el('generator', {}, GENERATOR),
      channel.logoUrl && el('logo', {}, channel.logoUrl),
      ...channel.entries.map(atomEntry),
    ),
  );
}

function atomEntry(entry: FeedEntry): Xml {
  return el(
    'entry',
    {},
    el('id', {}, entry.id),
    el('title', { type: 'text' }, entry.title),
    el('link', { rel: 'alternate', type: 'text/html', href: entry.url }),
    el('published', {}, entry.published),
    el('updated', {}, latest(entry.updated, entry.published) ?? entry.published),
    ...entry.authors.map((author) =>
      el('author', {}, el('name', {}, author.name), el('uri', {}, author.url)),
    ),
    ...entry.categories.map((category) =>
      el('category', { term: category.term, scheme: category.scheme, label: category.label }),
    ),
    entry.summary && el('summary', { type: 'text' }, entry.summary),
    entry.contentHtml !== null && el('content', { type: 'html' }, entry.contentHtml),
    entry.image ? el('link', { rel: 'enclosure', type: 'image/jpeg', href: entry.image.url }) : false,
    entry.image ? mediaContent(entry.image) : false,
  );
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function writeJsonFeed(channel: FeedChannel): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.pageUrl,
    feed_url: channel.feedUrls.json,
    description: channel.description || undefined,
    icon: channel.logoUrl ?? undefined,
    language: channel.language,
    authors: [{ name: channel.publisher }],
    items: channel.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      // JSON Feed needs content_html or content_text; without the full text the summary stands in.
      content_html: entry.contentHtml ?? `<p>${escapeHtml(entry.summary || entry.title)}</p>`,
      summary: entry.summary || undefined,
      date_published: entry.published,
      date_modified: latest(entry.updated, entry.published) ?? entry.published,
      authors: entry.authors.map((author) => ({ name: author.name, url: author.url })),
      tags: entry.categories.map((category) => category.label),
      image: entry.image?.url,
      // JSON Feed has no credit field; an underscore extension carries it (spec: "Extensions").
      _masthead: entry.image
        ? { image_credit: entry.image.credit, image_caption: entry.image.caption }
        : undefined,
    })),
  };
  // "<" as \u003c keeps the document inert even if a client mistakes it for HTML.
  return `${JSON.stringify(feed, null, 2).replace(/</g, '\\u003c')}\n`;
}

/** RFC 822 dates as RSS 2.0 wants them ("Mon, 16 Nov 2026 09:00:00 GMT"). */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
