import sharp, { type Metadata, type Sharp } from 'sharp';
import {
  type FocalPoint,
  focalCrop,
  MEDIA_MAX_PIXELS,
  type MediaFormat,
  SOCIAL_SIZE,
  type VariantFormat,
  type VariantKind,
  variantWidths,
} from './media.js';
import { describeRefused, sniffFormat } from './media-sniff.js';

export type Inspection =
  | { ok: true; format: MediaFormat; width: number; height: number; metadata: Metadata }
  | { ok: false; reason: 'type' | 'pixels' | 'unreadable'; message: string };

/** The format sharp reports for each accepted one (AVIF is a HEIF container holding AV1). */
const SHARP_FORMAT: Record<MediaFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  avif: 'heif',
  gif: 'gif',
};

const ACCEPTED = 'Upload a JPEG, PNG, WebP, AVIF or GIF image.';

/**
 * Decides whether an upload is a photo the desk takes, from its content only: the magic number,
 * then the decoder's own reading of the header (so a PNG signature in front of something else is
 * caught), then the pixel count from the header before any decoding (a decompression bomb claims a
 * huge canvas in a small file), then a small trial decode that fails on truncated or corrupt data.
 */
export async function inspectImage(bytes: Buffer): Promise<Inspection> {
  const sniffed = sniffFormat(bytes);
  if (!sniffed) {
    return { ok: false, reason: 'type', message: `This file is ${describeRefused(bytes)}. ${ACCEPTED}` };
  }
  let metadata: Metadata;
  try {
    // Header only: the pixel limit is checked below, in our own words.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return {
      ok: false,
      reason: 'unreadable',
      message: `This ${sniffed.toUpperCase()} file cannot be read; it may be damaged.`,
    };
  }
  const avifMismatch = sniffed === 'avif' && metadata.compression !== 'av1';
  if (metadata.format !== SHARP_FORMAT[sniffed] || avifMismatch) {
    return {
      ok: false,
      reason: 'type',
      message: `This file is not the ${sniffed.toUpperCase()} it starts like. ${ACCEPTED}`,
    };
  }
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  if (width * height > MEDIA_MAX_PIXELS) {
    return {
      ok: false,
      reason: 'pixels',
      message: `This image is ${width} x ${height} pixels; the desk takes at most ${MEDIA_MAX_PIXELS / 1_000_000} megapixels.`,
    };
  }
  if (width < 1 || height < 1) {
    return { ok: false, reason: 'unreadable', message: 'This image has no pixels.' };
  }
  try {
    await sharp(bytes, { limitInputPixels: MEDIA_MAX_PIXELS })
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch {
    return {
      ok: false,
      reason: 'unreadable',
      message: `This ${sniffed.toUpperCase()} file is damaged or cut short.`,
    };
  }
  const upright = metadata.autoOrient ?? { width, height };
  return { ok: true, format: sniffed, width: upright.width, height: upright.height, metadata };
}

export interface RenderPlan {
  /** The upright size of the original. */
  readonly width: number;
  readonly height: number;
  /** Make the width ladder in all three formats. */
  readonly ladder: boolean;
  /** Make the social crop around this point; null: not this time. */
  readonly social: FocalPoint | null;
}

export interface RenderedVariant {
  readonly kind: VariantKind;
  readonly format: VariantFormat;
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}

/**
 * Encoder settings chosen by measurement on this project's 2-core machines (see media-bench.ts):
 * AVIF at effort 2 is about as small as effort 4 at a twentieth of the time; mozjpeg for JPEG
 * because readers download it far more often than it is encoded.
 */
const ENCODERS: Record<VariantFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 2 }),
  webp: (image) => image.webp({ quality: 75 }),
  jpeg: (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true }),
};

/**
 * The public files for one original. The original is decoded once, turned upright, converted to
 * sRGB and scaled to the largest size any output needs; every output is cut from that. No output
 * carries metadata (sharp writes none unless asked), so camera serial numbers and GPS positions in
 * the original never reach a reader. Nothing is enlarged.
 */
export async function renderVariants(original: Buffer, plan: RenderPlan): Promise<RenderedVariant[]> {
  const work = await workingCopy(original, plan);
  if (!work) return [];
  const out: RenderedVariant[] = [];
  for (const width of work.widths) {
    const formats = Object.keys(ENCODERS) as VariantFormat[];
    out.push(...(await Promise.all(formats.map((format) => encodeStep(work, width, format)))));
  }

  const { fromWork, raw } = work;
  if (plan.social) {
    // The focal point is relative, so the crop found on the working copy is the original's, scaled.
    const crop = focalCrop(raw, SOCIAL_SIZE, plan.social);
    const result = await fromWork()
      .extract(crop)
      .resize({ width: SOCIAL_SIZE.width, height: SOCIAL_SIZE.height, fit: 'fill', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    out.push({
      kind: 'social',
      format: 'jpeg',
      width: result.info.width,
      height: result.info.height,
      data: result.data,
    });
  }
  return out;
}

/**
 * Only the ladder's JPEG at `width`, cut from the very working copy renderVariants makes for the
 * same plan: the same bytes, so the same name, as the full ladder later makes at that step. The
 * upload makes the fallback this way, so the reader site has a file from the photo's first moment.
 */
export async function renderLadderJpeg(
  original: Buffer,
  plan: RenderPlan,
  width: number,
): Promise<RenderedVariant> {
  const work = await workingCopy(original, plan);
  if (!work?.widths.includes(width)) throw new Error(`The ladder of this photo has no ${width} px step.`);
  return encodeStep(work, width, 'jpeg');
}

interface WorkingCopy {
  readonly widths: number[];
  readonly raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
  readonly fromWork: () => Sharp;
}

/**
 * The original decoded once, turned upright, converted to sRGB and scaled to the largest size any
 * output of the plan needs; every output is cut from that. null when the plan makes nothing.
 */
async function workingCopy(original: Buffer, plan: RenderPlan): Promise<WorkingCopy | null> {
  const widths = plan.ladder ? variantWidths(plan.width) : [];
  const box = plan.social ? focalCrop(plan, SOCIAL_SIZE, plan.social) : null;
  // Enough pixels that the crop on the working copy is at least 1200 wide (+2 against rounding).
  const socialNeeds = box ? Math.ceil((plan.width * SOCIAL_SIZE.width) / box.width) + 2 : 0;
  const workWidth = Math.min(plan.width, Math.max(0, ...widths, socialNeeds));
  if (workWidth === 0) return null;

  const { data, info } = await sharp(original, { limitInputPixels: MEDIA_MAX_PIXELS })
    .autoOrient()
    .resize({ width: workWidth, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return { widths, raw, fromWork: () => sharp(data, { raw }) };
}

async function encodeStep(work: WorkingCopy, width: number, format: VariantFormat): Promise<RenderedVariant> {
  const scaled = width === work.raw.width ? work.fromWork() : work.fromWork().resize({ width });
  const result = await ENCODERS[format](scaled).toBuffer({ resolveWithObject: true });
  return { kind: 'width', format, width: result.info.width, height: result.info.height, data: result.data };
}
