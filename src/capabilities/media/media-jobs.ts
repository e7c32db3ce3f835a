import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { newId } from '../../platform/ids.js';
import type { JobContext, JobHandler } from '../../platform/jobs/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { type FocalPoint, VARIANT_FORMATS, variantWidths } from './media.js';
import { type RenderedVariant, renderVariants } from './media-images.js';
import { focalKey, IMMUTABLE, publicKey, variantName } from './media-records.js';
import {
  findMediaRow,
  findVariantRows,
  replaceVariantRows,
  updateMediaRow,
  type VariantRow,
} from './media-repository.js';
import { PURGE_JOB, VARIANTS_JOB } from './media-service.js';
import { openMediaStorage } from './media-settings.js';

const CONTENT_TYPES = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' } as const;
/** A focal point moved while the crop was being made: make it again, but not forever. */
const ROUNDS = 3;

export type VariantsOutcome = 'made' | 'up to date' | 'gone';

/**
 * Makes whatever public files a photo lacks: the width ladder once, and the social crop again
 * whenever the focal point has moved since the last one. Safe to repeat: files are written under
 * content-hashed names first, then the rows are swapped in one transaction, then files no row
 * names any more are removed. A failed attempt removes the files it wrote.
 */
export async function makeVariants(
  ctx: { db: Db; clock: Clock; storage: Storage },
  mediaId: string,
): Promise<VariantsOutcome> {
  let outcome: VariantsOutcome = 'up to date';
  for (let round = 0; round < ROUNDS; round++) {
    const row = await findMediaRow(ctx.db, mediaId);
    if (!row) return 'gone';
    const focal: FocalPoint = { x: Number(row.focal_x), y: Number(row.focal_y) };
    const existing = await findVariantRows(ctx.db, [mediaId]);
    const ladder = !ladderComplete(existing, row.width);
    const social = !existing.some((v) => v.kind === 'social' && v.focal === focalKey(focal));
    if (!ladder && !social) {
      if (row.variants_status !== 'ready')
        await updateMediaRow(ctx.db, mediaId, { variants_status: 'ready' });
      return outcome;
    }
    const original = await ctx.storage.get(row.original_key);
    if (!original)
      throw new Error(`The original of media ${mediaId} is missing from ${ctx.storage.location}.`);
    const rendered = await renderVariants(original, {
      width: row.width,
      height: row.height,
      ladder,
      social: social ? focal : null,
    });
    const result = await store(ctx, mediaId, rendered, focal, new Set(existing.map((v) => v.name)));
    if (result === 'gone') return 'gone';
    outcome = 'made';
    if (result === 'done') return outcome;
  }
  throw new Error(`The focal point of media ${mediaId} kept moving while its social crop was made.`);
}

/** Every step of the ladder in every format: the upload makes only the fallback JPEG (ADR 0013). */
function ladderComplete(existing: readonly VariantRow[], originalWidth: number): boolean {
  const stored = new Set(existing.filter((v) => v.kind === 'width').map((v) => `${v.format} ${v.width}`));
  return variantWidths(originalWidth).every((width) =>
    VARIANT_FORMATS.every((format) => stored.has(`${format} ${width}`)),
  );
}

async function store(
  ctx: { db: Db; clock: Clock; storage: Storage },
  mediaId: string,
  rendered: RenderedVariant[],
  focal: FocalPoint,
  stored: ReadonlySet<string>,
): Promise<'done' | 'focal moved' | 'gone'> {
  const files = rendered.map((variant) => ({ variant, name: variantName(mediaId, variant) }));
  const written: string[] = [];
  let kept = new Set<string>();
  let superseded: string[] = [];
  let result: 'done' | 'focal moved' | 'gone';
  try {
    for (const { variant, name } of files) {
      // A file already stored under its name (the upload's fallback) is neither written again nor
      // removed if this attempt fails: a committed row names it.
      if (stored.has(name)) continue;
      await ctx.storage.put(publicKey(name), variant.data, {
        contentType: CONTENT_TYPES[variant.format],
        cacheControl: IMMUTABLE,
      });
      written.push(name);
    }
    result = await inTransaction(ctx.db, async (trx) => {
      // The first statement writes the row, taking its lock: a delete of this photo waits for this
      // transaction, and this one sees a focal point changed by an edit that committed first.
      const current = await trx
        .updateTable('media')
        .set({ variants_status: 'ready' })
        .where('id', '=', mediaId)
        .returning(['focal_x', 'focal_y'])
        .executeTakeFirst();
      if (!current) return 'gone';
      const focalHeld =
        focalKey({ x: Number(current.focal_x), y: Number(current.focal_y) }) === focalKey(focal);
      const usable = files.filter(({ variant }) => variant.kind === 'width' || focalHeld);
      const kinds = [...new Set(usable.map(({ variant }) => variant.kind))];
      const before = await findVariantRows(trx, [mediaId]);
      const at = isoTime(ctx.clock.now());
      await replaceVariantRows(
        trx,
        mediaId,
        kinds,
        usable.map(({ variant, name }) => ({
          id: newId(ctx.clock.now().getTime()),
          media_id: mediaId,
          kind: variant.kind,
          format: variant.format,
          width: variant.width,
          height: variant.height,
          bytes: variant.data.length,
          name,
          focal: variant.kind === 'social' ? focalKey(focal) : '',
          created_at: at,
        })),
      );
      kept = new Set(usable.map(({ name }) => name));
      const replaced = before.filter((v) => (kinds as string[]).includes(v.kind) && !kept.has(v.name));
      superseded = replaced.map((v) => v.name);
      // Pages that show this photo were rendered without all its files (or with old ones): re-render.
      // Sitemaps name the fallback JPEG but carry no photo keys; they go too if an address they
      // may hold is gone (the upload's fallback is normally kept: same bytes, same name).
      const addressGone = replaced.some((v) => v.kind === 'width');
      await queuePurge(trx, ctx.clock, [
        CacheKey.media(mediaId),
        ...(addressGone ? [CacheKey.sitemaps] : []),
      ]);
      return focalHeld || !files.some(({ variant }) => variant.kind === 'social') ? 'done' : 'focal moved';
    });
  } catch (error) {
    await Promise.allSettled(written.map((name) => ctx.storage.delete(publicKey(name))));
    throw error;
  }
  const unused = [...written.filter((name) => !kept.has(name)), ...superseded];
  await Promise.allSettled(unused.map((name) => ctx.storage.delete(publicKey(name))));
  return result;
}

/** Removes stored files of a deleted photo; a key already gone is fine. */
export async function purgeFiles(storage: Storage, keys: readonly string[]): Promise<void> {
  for (const key of keys) await storage.delete(key);
}

async function withStorage<T>(ctx: JobContext, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = openMediaStorage(ctx.config);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}

/** The photo desk's jobs, for the worker's handler map (src/worker.ts). */
export const mediaJobs: Record<string, JobHandler> = {
  [VARIANTS_JOB]: async (payload: { mediaId: string }, ctx) => {
    try {
      await withStorage(ctx, (storage) =>
        makeVariants({ db: ctx.db, clock: ctx.clock, storage }, payload.mediaId),
      );
    } catch (error) {
      // The library shows the desk that this photo has no public files and will not get them.
      if (ctx.attempt >= ctx.maxAttempts) {
        await updateMediaRow(ctx.db, payload.mediaId, { variants_status: 'failed' }).catch(() => {});
      }
      throw error;
    }
  },
  [PURGE_JOB]: async (payload: { keys: string[] }, ctx) => {
    await withStorage(ctx, (storage) => purgeFiles(storage, payload.keys));
  },
};
