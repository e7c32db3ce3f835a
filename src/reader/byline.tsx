import { authorPath } from '../capabilities/site/index.js';

export interface BylineAuthor {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

/** Used when the locale setting is not a tag Intl can read (stored before settings were checked). */
const FALLBACK_LOCALE = 'en-US';

const listFormats = new Map<string, Intl.ListFormat>();

/** The list format of a locale, made once per locale; a malformed tag gets the fallback's. */
function listFormat(locale: string): Intl.ListFormat {
  let format = listFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' });
    } catch {
      format = listFormat(FALLBACK_LOCALE);
    }
    listFormats.set(locale, format);
  }
  return format;
}

/**
 * "By A, B and C" in the publication's language, each name linking the author's page (guests too): the
 * one byline of the article page, the cards and the search results, which add the byline suffix in their
 * own place. `rel="author"` marks the authors of the page's own article. A malformed locale joins the
 * names as en-US does, so a bad setting never costs a reader the page or runs the names together.
 */
export function Byline({
  authors,
  locale,
  rel,
}: {
  authors: readonly BylineAuthor[];
  locale: string;
  rel?: 'author';
}) {
  if (authors.length === 0) return null;
  const byId = new Map(authors.map((author) => [author.id, author]));
  const parts = listFormat(locale).formatToParts(authors.map((author) => author.id));
  return (
    <>
      By{' '}
      {parts.map((part, i) => {
        const author = part.type === 'element' ? byId.get(part.value) : undefined;
        return author ? (
          <a key={i} href={authorPath(author.slug)} rel={rel}>
            {author.name}
          </a>
        ) : (
          part.value
        );
      })}
    </>
  );
}
