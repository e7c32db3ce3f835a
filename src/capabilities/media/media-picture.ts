import {
  type FocalPoint,
  type Media,
  type MediaVariant,
  type MediaWithVariants,
  variantWidths,
} from './media.js';

/** What the reader site needs for one `<picture>`: a srcset per format, the fallback and its size. */
export interface PictureSources {
  /** `url 320w, url 640w, ...` for `<source type="image/avif">`. */
  readonly avif: string;
  readonly webp: string;
  readonly jpeg: string;
  /** The `<img>` width and height attributes (so the page does not shift while it loads). */
  readonly width: number;
  readonly height: number;
  /** The `<img src>`: a JPEG every browser shows. */
  readonly fallbackSrc: string;
  /** CSS `object-position` from the focal point, for cards that crop the photo with object-fit. */
  readonly objectPosition: string;
}

/** The fallback is the JPEG closest above this width: sharp on most screens, light on old phones. */
const FALLBACK_WIDTH = 960;

/**
 * The width of the JPEG pictureSources takes as the fallback once the whole ladder exists. The
 * upload makes that one file at once (ADR 0013), so the page, feeds, sitemaps and JSON-LD name the
 * same address before and after the rest of the ladder is made. Pure.
 */
export function fallbackWidth(originalWidth: number): number {
  const widths = variantWidths(originalWidth);
  return widths.find((w) => w >= FALLBACK_WIDTH) ?? widths.at(-1)!;
}

/**
 * The sources for a `<picture>` element from a photo's ladder. Until the worker has made the whole
 * ladder only the fallback JPEG exists, and the AVIF and WebP srcsets are empty; null when no JPEG
 * exists at all (a photo stored before uploads made the fallback, ADR 0013). `sizes` depends on the
 * layout, so the page supplies it. Pure.
 */
export function pictureSources(
  media: Pick<Media, 'focalPoint'>,
  variants: readonly MediaVariant[],
): PictureSources | null {
  const ladder = variants.filter((v) => v.kind === 'width').sort((a, b) => a.width - b.width);
  const jpegs = ladder.filter((v) => v.format === 'jpeg');
  const fallback = jpegs.find((v) => v.width >= FALLBACK_WIDTH) ?? jpegs.at(-1);
  if (!fallback) return null;
  const srcset = (format: MediaVariant['format']) =>
    ladder
      .filter((v) => v.format === format)
      .map((v) => `${v.url} ${v.width}w`)
      .join(', ');
  return {
    avif: srcset('avif'),
    webp: srcset('webp'),
    jpeg: srcset('jpeg'),
    width: fallback.width,
    height: fallback.height,
    fallbackSrc: fallback.url,
    objectPosition: objectPosition(media.focalPoint),
  };
}

export function objectPosition(focal: FocalPoint): string {
  const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
  return `${percent(focal.x)} ${percent(focal.y)}`;
}

/** Per-use corrections an article makes to a photo's own credits, and where absolute URLs start. */
export interface ImageObjectOverrides {
  readonly caption?: string;
  readonly creditText?: string;
  /** The reader site's address, to make `/media/...` URLs absolute (JSON-LD needs absolute URLs). */
  readonly baseUrl?: string | URL;
}

/**
 * A schema.org ImageObject for an article's JSON-LD, with the rights fields search engines show
 * (Google's image licence metadata): `creditText`, `creator`, `copyrightNotice`, `license`. Empty
 * fields are left out. `contentUrl` is the largest JPEG; the social crop is listed as a thumbnail.
 * null while the files are not made yet. Pure.
 */
export function imageObjectJsonLd(
  media: MediaWithVariants,
  overrides: ImageObjectOverrides = {},
): Record<string, unknown> | null {
  const jpegs = media.variants.filter((v) => v.kind === 'width' && v.format === 'jpeg');
  const largest = jpegs.reduce<MediaVariant | undefined>(
    (a, b) => (a && a.width >= b.width ? a : b),
    undefined,
  );
  if (!largest) return null;
  const absolute = (url: string) => (overrides.baseUrl ? new URL(url, overrides.baseUrl).href : url);
  const social = media.variants.find((v) => v.kind === 'social');
  const caption = overrides.caption ?? media.caption;
  const credit = overrides.creditText ?? media.credit;
  const object: Record<string, unknown> = {
    '@type': 'ImageObject',
    contentUrl: absolute(largest.url),
    url: absolute(largest.url),
    width: largest.width,
    height: largest.height,
  };
  if (caption) object.caption = caption;
  if (credit) object.creditText = credit;
  if (media.creator) object.creator = { '@type': 'Person', name: media.creator };
  if (media.copyrightNotice) object.copyrightNotice = media.copyrightNotice;
  if (media.licenseUrl) object.license = media.licenseUrl;
  if (media.takenAt) object.dateCreated = media.takenAt;
  if (social) object.thumbnailUrl = absolute(social.url);
  return object;
}
