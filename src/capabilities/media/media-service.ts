import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { newId } from '../../platform/ids.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { type Actor, assertRole } from '../staff/index.js';
import {
  CENTRE,
  checkMediaChanges,
  clip,
  type FocalPoint,
  MEDIA_MAX_BYTES,
  type Media,
  type MediaChanges,
  type MediaVariant,
  type MediaWithVariants,
  MIME_TYPES,
} from './media.js';
import {
  mediaInUse,
  mediaInvalid,
  mediaNotFound,
  mediaTooLarge,
  mediaTooManyPixels,
  mediaTypeRefused,
  mediaUnreadable,
  mediaVariantsReady,
} from './media-errors.js';
import { storeFallbackFile } from './media-fallback.js';
import { inspectImage } from './media-images.js';
import { creditsFromTags, readPhotoTags } from './media-metadata.js';
import { focalKey, originalKey, publicKey, toMedia, toVariant } from './media-records.js';
import {
  deleteMediaRow,
  findMediaRow,
  findMediaRows,
  findVariantRows,
  insertMediaRow,
  listMediaRows,
  replaceVariantRows,
  updateMediaRow,
} from './media-repository.js';
import { assertMayChangePhoto, type PhotoArticleRights } from './media-rights.js';
import { LOCAL_PUBLIC_BASE } from './media-settings.js';
import { mediaUsage } from './media-usage.js';

export const VARIANTS_JOB = 'media.variants';
export const PURGE_JOB = 'media.purge';

/** What the services that touch files need besides the database. */
export interface MediaContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly storage: Storage;
}

/** Where public files are addressed; the reader side passes MEDIA_PUBLIC_URL when one is set. */
export interface UrlOptions {
  readonly publicBase?: string;
}

/**
 * Takes an upload: checks it is an image the desk accepts by its content, reads its credits,
 * stores the original and the fallback JPEG, records them and queues the rest of its public files.
 * The files are stored before the rows are written and removed again if the rows are not, so a
 * refused or failed upload leaves nothing behind (a crash in between can leave only unlisted
 * files). Opens its own
 * transaction because the file and the row must succeed or fail together.
 */
export async function uploadMedia(
  ctx: MediaContext,
  actor: Actor,
  upload: { bytes: Buffer; filename?: string | undefined },
  options: UrlOptions = {},
): Promise<MediaWithVariants> {
  assertRole(actor, 'contributor', 'upload photos');
  const { bytes } = upload;
  if (bytes.length > MEDIA_MAX_BYTES) throw mediaTooLarge();
  if (bytes.length === 0)
    throw mediaUnreadable('The upload is empty: send the image file as the request body.');
  const inspection = await inspectImage(bytes);
  if (!inspection.ok) {
    if (inspection.reason === 'type') throw mediaTypeRefused(inspection.message);
    if (inspection.reason === 'pixels') throw mediaTooManyPixels(inspection.message);
    throw mediaUnreadable(inspection.message);
  }
  const credits = creditsFromTags(await readPhotoTags(inspection.metadata));
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  const key = originalKey(id, inspection.format);
  // The reader site's file first (ADR 0013): an article can show the photo from its first request.
  const fallback = await storeFallbackFile(ctx, id, bytes, inspection);
  try {
    await ctx.storage.put(key, bytes, { contentType: MIME_TYPES[inspection.format] });
    await inTransaction(ctx.db, async (trx) => {
      await insertMediaRow(trx, {
        id,
        original_key: key,
        original_name: fileNameOf(upload.filename),
        format: inspection.format,
        bytes: bytes.length,
        width: inspection.width,
        height: inspection.height,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        alt_text: credits.altText,
        caption: credits.caption,
        credit: credits.credit,
        creator: credits.creator,
        copyright_notice: credits.copyrightNotice,
        usage_terms: credits.usageTerms,
        license_url: credits.licenseUrl,
        taken_at: credits.takenAt,
        focal_x: CENTRE.x,
        focal_y: CENTRE.y,
        variants_status: 'pending',
        uploaded_by: actor.staffId,
        uploaded_by_name: actor.name,
        created_at: isoTime(now),
        updated_at: isoTime(now),
      });
      await replaceVariantRows(trx, id, [], [fallback.row]);
      await queueVariants(trx, ctx.clock, id, CENTRE);
    });
  } catch (error) {
    await Promise.allSettled([ctx.storage.delete(key), ctx.storage.delete(fallback.key)]);
    throw error;
  }
  return getMedia(ctx.db, id, options);
}

/** The file name as the uploader's browser sent it (percent-encoded when it is not ASCII), for display only. */
function fileNameOf(raw: string | undefined): string {
  if (!raw) return '';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all: keep it as sent.
  }
  return clip(name.split(/[\\/]/).pop() ?? '', 255);
}

/** Queues the public files for a photo, once per focal point: the social crop depends on it. */
async function queueVariants(db: Db, clock: Clock, mediaId: string, focal: FocalPoint): Promise<void> {
  await enqueueJob(db, clock, {
    kind: VARIANTS_JOB,
    payload: { mediaId },
    uniqueKey: `${VARIANTS_JOB}:${mediaId}:${focalKey(focal)}`,
  });
}

/** A photo with its public files, or undefined. */
export async function findMediaById(
  db: Db,
  id: string,
  options: UrlOptions = {},
): Promise<MediaWithVariants | undefined> {
  const row = await findMediaRow(db, id);
  if (!row) return undefined;
  const base = options.publicBase ?? LOCAL_PUBLIC_BASE;
  const variants = (await findVariantRows(db, [id])).map((v) => toVariant(v, base));
  return { ...toMedia(row), variants };
}

/**
 * Several photos with their files, by id, in two queries whatever their number: a page of cards
 * shows a dozen photos. Unknown ids are absent from the map.
 */
export async function findMediaByIds(
  db: Db,
  ids: readonly string[],
  options: UrlOptions = {},
): Promise<Map<string, MediaWithVariants>> {
  const unique = [...new Set(ids)];
  const rows = await findMediaRows(db, unique);
  if (rows.length === 0) return new Map();
  const base = options.publicBase ?? LOCAL_PUBLIC_BASE;
  const byMedia = new Map<string, MediaVariant[]>();
  for (const v of await findVariantRows(
    db,
    rows.map((r) => r.id),
  )) {
    const list = byMedia.get(v.media_id) ?? [];
    list.push(toVariant(v, base));
    byMedia.set(v.media_id, list);
  }
  return new Map(rows.map((row) => [row.id, { ...toMedia(row), variants: byMedia.get(row.id) ?? [] }]));
}

/** A photo with its public files, or 404 NOT_FOUND. */
export async function getMedia(db: Db, id: string, options: UrlOptions = {}): Promise<MediaWithVariants> {
  const media = await findMediaById(db, id, options);
  if (!media) throw mediaNotFound(id);
  return media;
}

export interface MediaSummary extends Media {
  /** The smallest WebP of the ladder for the library grid; until it is made, the upload's fallback JPEG. */
  readonly thumbnail: MediaVariant | null;
}

const PAGE = 30;

/** A page of the library, newest first; `q` searches caption, credit and creator. */
export async function listMedia(
  db: Db,
  query: { q?: string; cursor?: string; limit?: number },
  options: UrlOptions = {},
): Promise<{ items: MediaSummary[]; nextCursor: string | null }> {
  const limit = query.limit ?? PAGE;
  const contains = (query.q ?? '').trim().toLowerCase();
  const rows = await listMediaRows(db, {
    ...(contains ? { contains } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor, (m) => mediaInvalid('cursor', m)) } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const base = options.publicBase ?? LOCAL_PUBLIC_BASE;
  const thumbnails = new Map<string, MediaVariant>();
  for (const row of await findVariantRows(
    db,
    page.map((r) => r.id),
  )) {
    if (row.kind !== 'width' || row.format === 'avif') continue;
    const seen = thumbnails.get(row.media_id);
    // A WebP wins over a JPEG, then the smaller wins: a photo just uploaded has only its fallback JPEG.
    const better =
      !seen ||
      (row.format === 'webp' && seen.format !== 'webp') ||
      (row.format === seen.format && row.width < seen.width);
    if (better) thumbnails.set(row.media_id, toVariant(row, base));
  }
  const items = page.map((row) => ({ ...toMedia(row), thumbnail: thumbnails.get(row.id) ?? null }));
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/**
 * The desk corrects credits, alt text and the focal point, by the photo rule of `media-rights.ts`
 * (issue 12, F3: rights on a photo follow rights on its articles). A new focal
 * point queues a new social crop. Pass a transaction: the change and its job commit together.
 */
export async function updateMedia(
  trx: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  changes: MediaChanges,
  rights: PhotoArticleRights,
): Promise<void> {
  assertRole(actor, 'contributor', 'edit photo credits');
  const check = checkMediaChanges(changes);
  if (!check.ok) throw mediaInvalid(check.field, check.message);
  const row = await findMediaRow(trx, id);
  if (!row) throw mediaNotFound(id);
  const uses = await mediaUsage(trx, id);
  await assertMayChangePhoto(trx, actor, { uploadedBy: row.uploaded_by }, uses, rights, 'edit');
  const { focalPoint, ...credits } = check.value;
  // A corrected credit or caption must reach every page showing the photo.
  await queuePurge(trx, clock, [CacheKey.media(id)]);
  await updateMediaRow(trx, id, {
    ...(credits.altText !== undefined ? { alt_text: credits.altText } : {}),
    ...(credits.caption !== undefined ? { caption: credits.caption } : {}),
    ...(credits.credit !== undefined ? { credit: credits.credit } : {}),
    ...(credits.creator !== undefined ? { creator: credits.creator } : {}),
    ...(credits.copyrightNotice !== undefined ? { copyright_notice: credits.copyrightNotice } : {}),
    ...(credits.usageTerms !== undefined ? { usage_terms: credits.usageTerms } : {}),
    ...(credits.licenseUrl !== undefined ? { license_url: credits.licenseUrl } : {}),
    ...(focalPoint ? { focal_x: focalPoint.x, focal_y: focalPoint.y } : {}),
    updated_at: isoTime(clock.now()),
  });
  const before = { x: Number(row.focal_x), y: Number(row.focal_y) };
  if (focalPoint && focalKey(focalPoint) !== focalKey(before))
    await queueVariants(trx, clock, id, focalPoint);
}

/**
 * Queues the public files of a photo again after the variants job gave up (`failed`), or when its job
 * seems lost (`pending`): the job only makes what is missing, so asking twice costs nothing. Any staff
 * member may ask, as any may upload; the photo is marked `pending` again in the same transaction.
 */
export async function retryVariants(trx: Db, clock: Clock, actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'contributor', "retry a photo's files");
  const row = await findMediaRow(trx, id);
  if (!row) throw mediaNotFound(id);
  if (row.variants_status === 'ready') throw mediaVariantsReady();
  await updateMediaRow(trx, id, { variants_status: 'pending', updated_at: isoTime(clock.now()) });
  // A job still queued for this focal point holds the key: then nothing is added, and that job runs.
  await queueVariants(trx, clock, id, { x: Number(row.focal_x), y: Number(row.focal_y) });
}

/**
 * Deletes a photo no article uses: its uploader, or an editor and above (`media-rights.ts`). The rows go, and a purge job that removes
 * its files is queued in the same transaction; the files are also removed at once, and the job
 * repeats whatever failed. Opens its own transaction: the files go only after the rows have.
 */
export async function deleteMedia(
  ctx: MediaContext,
  actor: Actor,
  id: string,
  rights: PhotoArticleRights,
): Promise<void> {
  assertRole(actor, 'contributor', 'delete photos');
  const found = await findMediaRow(ctx.db, id);
  if (!found) throw mediaNotFound(id);
  const usedIn = await mediaUsage(ctx.db, id);
  await assertMayChangePhoto(ctx.db, actor, { uploadedBy: found.uploaded_by }, usedIn, rights, 'delete');
  if (usedIn.length > 0) throw mediaInUse(usedIn);
  const keys = await inTransaction(ctx.db, async (trx) => {
    const stored = await removeMediaRecords(trx, ctx.clock, id);
    if (!stored) throw mediaNotFound(id);
    return stored;
  });
  await Promise.allSettled(keys.map((key) => ctx.storage.delete(key)));
}

/**
 * Inside the caller's transaction: deletes a photo's rows and queues the job that removes its files.
 * Returns the files' storage keys, for the caller to delete once the transaction has committed, or
 * null when there is no such photo. The caller has checked that no article uses it.
 */
export async function removeMediaRecords(trx: Db, clock: Clock, id: string): Promise<string[] | null> {
  // Writing the row first takes its lock, so a variants job committing now finishes before the
  // files are listed, and one starting now waits and then finds the photo gone (media-jobs.ts).
  await updateMediaRow(trx, id, { updated_at: isoTime(clock.now()) });
  const row = await findMediaRow(trx, id);
  if (!row) return null;
  const variants = await findVariantRows(trx, [id]);
  const stored = [row.original_key, ...variants.map((v) => publicKey(v.name))];
  await deleteMediaRow(trx, id);
  await enqueueJob(trx, clock, { kind: PURGE_JOB, payload: { keys: stored } });
  return stored;
}
