/** The photo desk's media library: images, their credits and rights, and their public variants. Pure domain. */

export const MEDIA_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
/** What an uploaded file is, decided from its bytes. */
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

/** Public files come in three formats: AVIF and WebP for size, JPEG for every reader and social card. */
export const VARIANT_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];
/** `width`: one step of the responsive ladder; `social`: the 1200x630 crop for link previews. */
export type VariantKind = 'width' | 'social';
export type VariantsStatus = 'pending' | 'ready' | 'failed';

export const MIME_TYPES: Record<MediaFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

export const EXTENSIONS: Record<MediaFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
};

/** Larger files are refused before they are read to the end. */
export const MEDIA_MAX_BYTES = 25 * 1024 * 1024;
/**
 * A frame of more pixels is refused from its header, before decoding: a small file can claim a huge
 * canvas (a decompression bomb). 50 megapixels is above any press camera.
 */
export const MEDIA_MAX_PIXELS = 50_000_000;

/** The responsive ladder: small phones to wide desktop screens at 2x. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1600, 2000] as const;
/** Open Graph and X cards: 1.91:1. */
export const SOCIAL_SIZE = { width: 1200, height: 630 } as const;

export interface FocalPoint {
  /** 0 is the left edge, 1 the right. */
  readonly x: number;
  /** 0 is the top edge, 1 the bottom. */
  readonly y: number;
}

export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

/** What the photographer and agency wrote into the file, and the desk can correct. */
export interface PhotoCredits {
  readonly altText: string;
  readonly caption: string;
  /** The credit line printed with the photo ("Agency/Photographer Name"). */
  readonly credit: string;
  /** The photographer. */
  readonly creator: string;
  readonly copyrightNotice: string;
  /** How the photo may be used ("Editorial use only"). */
  readonly usageTerms: string;
  /** A page stating the licence (XMP WebStatement); JSON-LD `license`. */
  readonly licenseUrl: string;
  /** When the photo was taken, ISO 8601 UTC, or null when the file does not say. */
  readonly takenAt: string | null;
}

export interface Media extends PhotoCredits {
  readonly id: string;
  readonly format: MediaFormat;
  readonly mimeType: string;
  readonly bytes: number;
  /** Upright size (after the camera's orientation flag is applied). */
  readonly width: number;
  readonly height: number;
  readonly sha256: string;
  /** The file name the uploader gave, for the library only; it never decides anything. */
  readonly originalName: string;
  readonly focalPoint: FocalPoint;
  readonly variantsStatus: VariantsStatus;
  readonly uploadedBy: { readonly staffId: string | null; readonly name: string };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MediaVariant {
  readonly kind: VariantKind;
  readonly format: VariantFormat;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** The public file name, `<hash>-<width>.<ext>` or `<hash>-<w>x<h>.jpg`. */
  readonly name: string;
  /** Where readers fetch it: this server's /media/ or the configured MEDIA_PUBLIC_URL. */
  readonly url: string;
}

export interface MediaWithVariants extends Media {
  readonly variants: readonly MediaVariant[];
}

/**
 * The ladder widths for an image `originalWidth` wide: every step narrower than it, plus the
 * original width itself when it falls between steps. Never wider than the original (no upscaling)
 * nor than the top step.
 */
export function variantWidths(originalWidth: number): number[] {
  const top = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < originalWidth);
  const last = Math.min(originalWidth, top);
  if (!widths.includes(last)) widths.push(last);
  return widths;
}

export interface CropBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The largest box of the target's shape inside the image, centred on the focal point as far as the
 * edges allow: a face at the right edge stays in a wide crop of a tall photo.
 */
export function focalCrop(
  image: { width: number; height: number },
  target: { width: number; height: number },
  focal: FocalPoint,
): CropBox {
  const aspect = target.width / target.height;
  let width = image.width;
  let height = Math.round(width / aspect);
  if (height > image.height) {
    height = image.height;
    width = Math.min(image.width, Math.round(height * aspect));
  }
  width = Math.max(1, width);
  height = Math.max(1, height);
  const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.round(value)), max);
  return {
    left: clamp(focal.x * image.width - width / 2, image.width - width),
    top: clamp(focal.y * image.height - height / 2, image.height - height),
    width,
    height,
  };
}

/** How long each text field may be; metadata longer than this is cut on upload, refused on edit. */
export const FIELD_MAX = {
  altText: 1000,
  caption: 2000,
  credit: 300,
  creator: 300,
  copyrightNotice: 500,
  usageTerms: 1000,
  licenseUrl: 2000,
} as const;
export type CreditField = keyof typeof FIELD_MAX;
export const CREDIT_FIELDS = Object.keys(FIELD_MAX) as CreditField[];

export type MediaChanges = Partial<Record<CreditField, string>> & { focalPoint?: FocalPoint };

export type MediaChangesCheck =
  | { ok: true; value: MediaChanges }
  | { ok: false; field: string; message: string };

/** Checks the desk's edits: lengths, a licence address that is a web address, a focal point inside the image. */
export function checkMediaChanges(input: MediaChanges): MediaChangesCheck {
  const value: { -readonly [K in keyof MediaChanges]: MediaChanges[K] } = {};
  for (const field of CREDIT_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    const text = cleanText(raw);
    if (text.length > FIELD_MAX[field]) {
      return { ok: false, field, message: `${field} is at most ${FIELD_MAX[field]} characters.` };
    }
    value[field] = text;
  }
  if (value.licenseUrl && !isWebAddress(value.licenseUrl)) {
    return { ok: false, field: 'licenseUrl', message: 'licenseUrl must be an http or https address.' };
  }
  if (input.focalPoint) {
    const { x, y } = input.focalPoint;
    const outside = (n: number) => !Number.isFinite(n) || n < 0 || n > 1;
    if (outside(x) || outside(y)) {
      const field = outside(x) ? 'focalPoint.x' : 'focalPoint.y';
      return { ok: false, field, message: 'A focal point is from 0 to 1 on each axis.' };
    }
    value.focalPoint = { x, y };
  }
  return { ok: true, value };
}

/** Trims, turns control characters into spaces (keeping line breaks in captions) and unifies line endings. */
export function cleanText(raw: string): string {
  let text = '';
  for (const char of raw.replace(/\r\n?/g, '\n')) {
    const code = char.codePointAt(0)!;
    text += (code < 0x20 && char !== '\n') || code === 0x7f ? ' ' : char;
  }
  return text.trim();
}

/** Metadata from a file is never refused for its length: it is cut at a word where possible. */
export function clip(text: string, max: number): string {
  const clean = cleanText(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What a photo lacks before it may run: a credit and alt text. The article's pre-publish check
 * names the image with these (or its per-use overrides).
 */
export function missingCredits(photo: { credit: string; altText: string }): ('credit' | 'altText')[] {
  const missing: ('credit' | 'altText')[] = [];
  if (photo.credit.trim() === '') missing.push('credit');
  if (photo.altText.trim() === '') missing.push('altText');
  return missing;
}
