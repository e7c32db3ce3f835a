export type {
  FocalPoint,
  Media,
  MediaFormat,
  MediaVariant,
  MediaWithVariants,
  PhotoCredits,
  VariantFormat,
  VariantKind,
} from './media.js';
export { missingCredits } from './media.js';
export { mediaApi } from './media-api.js';
export { mediaFiles } from './media-files.js';
export { makeVariants, mediaJobs } from './media-jobs.js';
export {
  type ImageObjectOverrides,
  imageObjectJsonLd,
  objectPosition as objectPositionOf,
  type PictureSources,
  pictureSources,
} from './media-picture.js';
export type { PhotoArticleRights, RightsCheck } from './media-rights.js';
export { samplePhoto, xmpPacket } from './media-samples.js';
export {
  deleteMedia,
  findMediaById,
  findMediaByIds,
  getMedia,
  listMedia,
  type MediaContext,
  PURGE_JOB,
  removeMediaRecords,
  retryVariants,
  updateMedia,
  uploadMedia,
  VARIANTS_JOB,
} from './media-service.js';
export { type MediaConfigFields, mediaSettingsOf, openMediaStorage } from './media-settings.js';
export { type MediaUse, mediaUsage } from './media-usage.js';
