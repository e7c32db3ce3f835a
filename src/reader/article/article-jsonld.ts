/**
 * The schema.org NewsArticle an article page carries for search engines and other programs. Pure:
 * every value comes in through the input, absolute URLs included, so it is tested without a server.
 */
import type { ArticleAccess, CorrectionKind } from '../../capabilities/articles/index.js';

/** The lead image as JSON-LD describes it; `creditText` and `copyrightNotice` come from the photo desk. */
export interface JsonLdImage {
  /** Absolute. */
  url: string;
  width?: number | null;
  height?: number | null;
  caption?: string | null;
  creditText?: string | null;
  copyrightNotice?: string | null;
  /** The photographer, when the photo desk knows the name. */
  creator?: string | null;
}

export interface ArticleJsonLdInput {
  /** The canonical, absolute address of the article. */
  url: string;
  headline: string;
  description: string;
  datePublished: string;
  dateModified: string;
  section: string | null;
  tags: string[];
  dateline: string;
  /** Every credited author, guests too; `url` is the absolute address of their author page. */
  authors: { name: string; url: string; affiliation: string | null }[];
  publisher: { name: string; url: string; logoUrl: string | null };
  access: ArticleAccess;
  /** wall.free_articles_per_month: 0 turns the wall off, so every article is free. */
  freeArticlesPerMonth: number;
  corrections: { kind: CorrectionKind; text: string; publishedAt: string }[];
  image?: JsonLdImage | null;
}

/** The selector of the part the wall cuts; the page and `hasPart` must name the same element. */
export const WALLED_PART_SELECTOR = '.article-rest';

/**
 * The NewsArticle. Access follows Google's paywalled-content guidance (ADR 0010): a metered or
 * registration article is not free, with `hasPart` naming the walled part, in both versions of its
 * page: the full one sent under the limit holds that part, the cut one leaves exactly it out. No
 * `articleBody`, so the walled text never travels in the JSON-LD.
 */
export function articleJsonLd(input: ArticleJsonLdInput): Record<string, unknown> {
  const free = input.access === 'free' || input.freeArticlesPerMonth === 0;
  const place = placeFromDateline(input.dateline);
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: input.headline,
    ...(input.description ? { description: input.description } : {}),
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    ...(input.authors.length
      ? {
          author: input.authors.map((a) => ({
            '@type': 'Person',
            name: a.name,
            url: a.url,
            ...(a.affiliation ? { affiliation: { '@type': 'Organization', name: a.affiliation } } : {}),
          })),
        }
      : {}),
    datePublished: input.datePublished,
    dateModified: input.dateModified,
    ...(input.image ? { image: imageObject(input.image) } : {}),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: input.publisher.name,
      url: input.publisher.url,
      ...(input.publisher.logoUrl ? { logo: { '@type': 'ImageObject', url: input.publisher.logoUrl } } : {}),
    },
    ...(input.section ? { articleSection: input.section } : {}),
    ...(input.tags.length ? { keywords: input.tags } : {}),
    ...(place ? { locationCreated: { '@type': 'Place', name: place } } : {}),
    isAccessibleForFree: free,
    ...(free
      ? {}
      : {
          hasPart: {
            '@type': 'WebPageElement',
            isAccessibleForFree: false,
            cssSelector: WALLED_PART_SELECTOR,
          },
        }),
    ...(input.corrections.length
      ? {
          correction: input.corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.kind === 'clarification' ? `Clarification: ${c.text}` : c.text,
            datePublished: c.publishedAt,
          })),
        }
      : {}),
  };
  return data;
}

function imageObject(image: JsonLdImage): Record<string, unknown> {
  return {
    '@type': 'ImageObject',
    url: image.url,
    contentUrl: image.url,
    ...(image.width ? { width: image.width } : {}),
    ...(image.height ? { height: image.height } : {}),
    ...(image.caption ? { caption: image.caption } : {}),
    ...(image.creditText ? { creditText: image.creditText } : {}),
    ...(image.copyrightNotice ? { copyrightNotice: image.copyrightNotice } : {}),
    ...(image.creator ? { creator: { '@type': 'Person', name: image.creator } } : {}),
  };
}

/**
 * The place a dateline names, as a reader would write it: "KYIV, Ukraine —" gives "Kyiv, Ukraine",
 * "NEW YORK (AP) —" gives "New York". The city is printed in capitals by newspaper convention, so the
 * first part is turned to title case; later parts keep short capitals ("D.C.", "UAE") as typed.
 * Empty when there is no place.
 */
export function placeFromDateline(dateline: string): string {
  const place = dateline
    .replace(/\s*\([^)]*\)/gu, '')
    .replace(/[\s,\u2014\u2013-]+$/u, '')
    .trim();
  return place
    .split(',')
    .map((part, i) =>
      part
        .split(/(\s+)/)
        .map((word) =>
          isCapitals(word) && (i === 0 || word.replace(/\P{L}/gu, '').length > 3) ? titleCase(word) : word,
        )
        .join(''),
    )
    .join(',');
}

function isCapitals(word: string): boolean {
  return /\p{Lu}/u.test(word) && word === word.toUpperCase();
}

/** "PORT-AU-PRINCE" -> "Port-Au-Prince", "N'DJAMENA" -> "N'Djamena": a capital after each word break. */
function titleCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[-'’.])(\p{Ll})/gu, (_m, lead: string, letter: string) => lead + letter.toUpperCase());
}
