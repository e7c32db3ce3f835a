import * as exifrModule from 'exifr';
import type { Metadata } from 'sharp';
import { clip, FIELD_MAX, isWebAddress, type PhotoCredits } from './media.js';

// Node loads exifr's CommonJS build (all of it on `default`); Vite-based tools load its ES build
// (named exports, and a `default` without `sidecar`). Either way this finds the functions.
const exifr = (
  'sidecar' in exifrModule && typeof exifrModule.sidecar === 'function' ? exifrModule : exifrModule.default
) as Pick<typeof exifrModule, 'parse' | 'sidecar'>;

/** The three places a photo carries its credits, each as exifr parsed it (absent when the file has none). */
export interface PhotoTags {
  xmp?: Record<string, Record<string, unknown>>;
  iptc?: Record<string, unknown>;
  exif?: Record<string, unknown>;
}

/**
 * Reads the metadata blocks sharp found in the file (the same for JPEG, PNG, WebP and AVIF, which
 * exifr alone cannot all open). A damaged block is skipped: bad metadata never refuses a photo.
 */
export async function readPhotoTags(metadata: Pick<Metadata, 'exif' | 'xmp' | 'iptc'>): Promise<PhotoTags> {
  const tags: PhotoTags = {};
  if (metadata.xmp) tags.xmp = await quietly(exifr.sidecar(metadata.xmp, { xmp: true }, 'xmp'));
  if (metadata.iptc) tags.iptc = await quietly(exifr.sidecar(metadata.iptc, { iptc: true }, 'iptc'));
  if (metadata.exif) {
    // sharp hands over the APP1 payload; exifr wants the TIFF structure after "Exif\0\0".
    const tiff =
      metadata.exif.subarray(0, 6).toString('latin1') === 'Exif\0\0'
        ? metadata.exif.subarray(6)
        : metadata.exif;
    tags.exif = await quietly(exifr.parse(tiff, { ifd0: {}, exif: {}, gps: false, reviveValues: false }));
  }
  return tags;
}

async function quietly<T>(parsing: Promise<unknown>): Promise<T | undefined> {
  try {
    const result = await parsing;
    return result && typeof result === 'object' ? (result as T) : undefined;
  } catch {
    return undefined;
  }
}

/** What cameras write into ImageDescription when nobody wrote a caption. */
const CAMERA_FILLER =
  /^(OLYMPUS DIGITAL CAMERA|SONY DSC|DIGITAL CAMERA|DCIM.*|default|image|SAMSUNG.*|untitled)$/i;

/**
 * The credits to prefill a new media item with. XMP first (what current newsroom tools write), then
 * IPTC IIM (agency wires), then EXIF (cameras), following the IPTC Photo Metadata mapping:
 * caption = dc:description | Caption-Abstract | ImageDescription, credit = photoshop:Credit |
 * Credit, creator = dc:creator | By-line | Artist, copyright = dc:rights | CopyrightNotice |
 * Copyright, usage terms = xmpRights:UsageTerms, licence = xmpRights:WebStatement, date taken =
 * photoshop:DateCreated | DateCreated+TimeCreated | DateTimeOriginal. Pure.
 */
export function creditsFromTags(tags: PhotoTags): PhotoCredits {
  const xmp = tags.xmp ?? {};
  const iptc = tags.iptc ?? {};
  const exif = tags.exif ?? {};
  const pick = (max: number, ...candidates: unknown[]) => {
    for (const candidate of candidates) {
      const text = clip(candidate === undefined ? '' : textOf(candidate), max);
      if (text !== '') return text;
    }
    return '';
  };
  const description = typeof exif.ImageDescription === 'string' ? exif.ImageDescription.trim() : '';
  const licenseUrl = pick(FIELD_MAX.licenseUrl, xmp.xmpRights?.WebStatement);
  return {
    altText: pick(FIELD_MAX.altText, xmp.Iptc4xmpCore?.AltTextAccessibility),
    caption: pick(
      FIELD_MAX.caption,
      xmp.dc?.description,
      iim(iptc.Caption),
      CAMERA_FILLER.test(description) ? '' : description,
    ),
    credit: pick(FIELD_MAX.credit, xmp.photoshop?.Credit, iim(iptc.Credit)),
    creator: pick(FIELD_MAX.creator, xmp.dc?.creator, iim(iptc.Byline), exif.Artist),
    copyrightNotice: pick(
      FIELD_MAX.copyrightNotice,
      xmp.dc?.rights,
      iim(iptc.CopyrightNotice),
      exif.Copyright,
    ),
    usageTerms: pick(FIELD_MAX.usageTerms, xmp.xmpRights?.UsageTerms),
    licenseUrl: isWebAddress(licenseUrl) ? licenseUrl : '',
    takenAt:
      xmpDate(xmp.photoshop?.DateCreated) ??
      iimDate(iptc.DateCreated, iptc.TimeCreated) ??
      exifDate(exif.DateTimeOriginal, exif.OffsetTimeOriginal),
  };
}

/**
 * One text from an XMP value: a plain string, a language alternative (the x-default one, else the
 * first), or a list (several creators, joined). exifr leaves XML entities encoded.
 */
function textOf(value: unknown): string {
  if (typeof value === 'string') return decodeEntities(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => isLangValue(v))) {
      const chosen = value.find((v) => v.lang === 'x-default') ?? value[0];
      return chosen ? textOf(chosen.value) : '';
    }
    return value
      .map(textOf)
      .filter((v) => v !== '')
      .join(', ');
  }
  if (isLangValue(value)) return textOf(value.value);
  return '';
}

function isLangValue(value: unknown): value is { lang: string; value: unknown } {
  return typeof value === 'object' && value !== null && 'lang' in value && 'value' in value;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[lower] ?? whole;
  });
}

/**
 * IPTC IIM text comes back as Latin-1 from exifr; agencies write UTF-8 (declared in record 1:90),
 * so a value that is valid UTF-8 is read as UTF-8. A repeated field (several by-lines) is a list.
 */
function iim(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(iim);
  if (typeof value !== 'string') return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** XMP dates: "2026-11-15T10:20:30+02:00", "2026-11-15T10:20:30", "2026-11-15" or "2026-11". */
function xmpDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match =
    /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      value.trim(),
    );
  if (!match) return null;
  const [, y, mo, d = '01', h = '00', mi = '00', s = '00', zone = 'Z'] = match;
  return isoOrNull(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
}

/** IIM: DateCreated "20261115", TimeCreated "102030+0200". */
function iimDate(date: unknown, time: unknown): string | null {
  if (typeof date !== 'string' || !/^\d{8}$/.test(date)) return null;
  const t = typeof time === 'string' ? /^(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})$/.exec(time) : null;
  const clock = t ? `${t[1]}:${t[2]}:${t[3]}${t[4]}:${t[5]}` : '00:00:00Z';
  return isoOrNull(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${clock}`);
}

/**
 * EXIF: "2026:11:15 10:20:30", a camera's wall clock, with OffsetTimeOriginal ("+02:00") when the
 * camera knew its zone. Without one the time is taken as UTC: a guess, but a stable one (ADR 0006).
 */
function exifDate(value: unknown, offset: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : 'Z';
  const [, y, mo, d, h, mi, s] = match;
  return isoOrNull(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
}

function isoOrNull(text: string): string | null {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1826) return null;
  return date.toISOString();
}
