import type { Insertable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { Storage } from '../../platform/storage/index.js';
import { CENTRE } from './media.js';
import { renderLadderJpeg } from './media-images.js';
import { fallbackWidth } from './media-picture.js';
import { IMMUTABLE, publicKey, variantName } from './media-records.js';
import type { MediaVariantTable } from './media-table.js';

/** The fallback file, stored; its row is for the upload's transaction to insert. */
export interface StoredFallback {
  readonly key: string;
  readonly row: Insertable<MediaVariantTable>;
}

/**
 * Makes and stores the one file a reader page needs to show a new photo: the ladder's fallback
 * JPEG (ADR 0013). It is cut exactly as the `media.variants` job will cut it on its first run (same
 * working copy, so the same bytes and the same name), so the addresses the page, feeds and sitemaps
 * give out before the job has run stay valid after it. Measured on this project's shared 2-core
 * machines: 0.1-0.3 s for a 12-megapixel photo, about a twentieth of the whole ladder.
 */
export async function storeFallbackFile(
  ctx: { clock: Clock; storage: Storage },
  mediaId: string,
  original: Buffer,
  size: { width: number; height: number },
): Promise<StoredFallback> {
  // The plan of the job's first run. The working copy's size does not depend on the focal point, so
  // a point the desk moves before the job runs leaves this file's bytes as they are.
  const plan = { ...size, ladder: true, social: CENTRE };
  const variant = await renderLadderJpeg(original, plan, fallbackWidth(size.width));
  const name = variantName(mediaId, variant);
  const key = publicKey(name);
  await ctx.storage.put(key, variant.data, { contentType: 'image/jpeg', cacheControl: IMMUTABLE });
  const now = ctx.clock.now();
  return {
    key,
    row: {
      id: newId(now.getTime()),
      media_id: mediaId,
      kind: 'width',
      format: 'jpeg',
      width: variant.width,
      height: variant.height,
      bytes: variant.data.length,
      name,
      focal: '',
      created_at: isoTime(now),
    },
  };
}
