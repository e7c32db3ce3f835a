import type { Static } from 'typebox';
import type { Media, MediaVariant, MediaWithVariants } from './media.js';
import type { MediaJson, MediaSummaryJson, VariantJson } from './media-schemas.js';
import type { MediaSummary } from './media-service.js';
import type { MediaUse } from './media-usage.js';

function presentFields(media: Media) {
  return {
    id: media.id,
    format: media.format,
    mimeType: media.mimeType,
    bytes: media.bytes,
    width: media.width,
    height: media.height,
    sha256: media.sha256,
    originalName: media.originalName,
    altText: media.altText,
    caption: media.caption,
    credit: media.credit,
    creator: media.creator,
    copyrightNotice: media.copyrightNotice,
    usageTerms: media.usageTerms,
    licenseUrl: media.licenseUrl,
    takenAt: media.takenAt,
    focalPoint: { x: media.focalPoint.x, y: media.focalPoint.y },
    variantsStatus: media.variantsStatus,
    uploadedBy: { staffId: media.uploadedBy.staffId, name: media.uploadedBy.name },
    createdAt: media.createdAt,
    updatedAt: media.updatedAt,
  };
}

export function presentVariant(variant: MediaVariant): Static<typeof VariantJson> {
  return {
    kind: variant.kind,
    format: variant.format,
    width: variant.width,
    height: variant.height,
    bytes: variant.bytes,
    url: variant.url,
  };
}

export function presentMedia(
  media: MediaWithVariants,
  usedIn: readonly MediaUse[],
): Static<typeof MediaJson> {
  return {
    ...presentFields(media),
    variants: media.variants.map(presentVariant),
    usedIn: usedIn.map((use) => ({
      articleId: use.articleId,
      headline: use.headline,
      slug: use.slug,
      status: use.status,
      places: [...use.places],
    })),
  };
}

export function presentMediaSummary(media: MediaSummary): Static<typeof MediaSummaryJson> {
  return { ...presentFields(media), thumbnail: media.thumbnail ? presentVariant(media.thumbnail) : null };
}
