import { createHash } from 'node:crypto';
import {
  type FocalPoint,
  type Media,
  type MediaFormat,
  type MediaVariant,
  MIME_TYPES,
  type VariantFormat,
  type VariantKind,
  type VariantsStatus,
} from './media.js';
import type { MediaRow, VariantRow } from './media-repository.js';

/** Rows into domain objects, and the names and keys of stored files: shared by the service and the job. */

export function toMedia(row: MediaRow): Media {
  const format = row.format as MediaFormat;
  return {
    id: row.id,
    format,
    mimeType: MIME_TYPES[format],
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    originalName: row.original_name,
    altText: row.alt_text,
    caption: row.caption,
    credit: row.credit,
    creator: row.creator,
    copyrightNotice: row.copyright_notice,
    usageTerms: row.usage_terms,
    licenseUrl: row.license_url,
    takenAt: row.taken_at,
    focalPoint: { x: Number(row.focal_x), y: Number(row.focal_y) },
    variantsStatus: row.variants_status as VariantsStatus,
    uploadedBy: { staffId: row.uploaded_by, name: row.uploaded_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toVariant(row: VariantRow, publicBase: string): MediaVariant {
  return {
    kind: row.kind as VariantKind,
    format: row.format as VariantFormat,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    name: row.name,
    url: `${publicBase}/${row.name}`,
  };
}

/** The focal point as the social crop records it, so a changed point is seen as a stale crop. */
export function focalKey(point: FocalPoint): string {
  return `${Number(point.x)},${Number(point.y)}`;
}

export const VARIANT_EXTENSIONS: Record<VariantFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** Public file names match this, and nothing else is ever served from /media. */
export const PUBLIC_NAME = /^[0-9a-f]{20}-[0-9]{1,5}(x[0-9]{1,5})?\.(avif|webp|jpg)$/;

/**
 * `<hash>-<width>.<ext>` (ladder) or `<hash>-<w>x<h>.jpg` (social). The hash covers the media id and
 * the file's bytes: new bytes get a new address, so the address can be cached for a year, and two
 * uploads of one photo never share a file (deleting one cannot break the other).
 */
export function variantName(
  mediaId: string,
  variant: { kind: VariantKind; format: VariantFormat; width: number; height: number; data: Buffer },
): string {
  const hash = createHash('sha256')
    .update(mediaId)
    .update('\n')
    .update(variant.data)
    .digest('hex')
    .slice(0, 20);
  const size = variant.kind === 'social' ? `${variant.width}x${variant.height}` : `${variant.width}`;
  return `${hash}-${size}.${VARIANT_EXTENSIONS[variant.format]}`;
}

export const publicKey = (name: string) => `public/${name}`;

export const originalKey = (mediaId: string, format: MediaFormat) =>
  `originals/${mediaId}.${format === 'jpeg' ? 'jpg' : format}`;

/** Public files never change at their address. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
