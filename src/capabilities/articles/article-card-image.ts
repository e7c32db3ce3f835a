import type { Db } from '../../platform/database/database.js';
import { prepared } from '../../platform/database/prepared-statements.js';
import { findMediaByIds, type MediaVariant, objectPositionOf } from '../media/index.js';
import type { LeadImage } from './article-snapshot.js';

/** An article's lead photo as a list shows it: a small picture from the photo desk's ladder. */
export interface CardImage {
  /** The photo: pages showing it carry its surrogate key, so a changed crop or alt text shows. */
  readonly mediaId: string;
  /** srcsets of the ladder's widths up to CARD_MAX_WIDTH, per format ("" when none). */
  readonly avif: string;
  readonly webp: string;
  readonly jpeg: string;
  /** The fallback JPEG and its size: the `<img>`'s width and height, so nothing shifts. */
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
  /** CSS object-position from the photo's focal point, for a crop that keeps the subject. */
  readonly position: string;
}

/** A card is never wider than about 22rem: 960 pixels covers it at a screen's double density. */
const CARD_MAX_WIDTH = 960;
/** The file a browser that reads no srcset gets. */
const CARD_FALLBACK_WIDTH = 640;

/**
 * The card pictures of published articles, by article id: their lead photos' variants, with the
 * article's own alt text over the photo's. Three queries however many articles (the lead photo
 * references, the photos, their variants); articles without a lead photo, or whose photo has no
 * file yet, are left out.
 */
export async function readerCardImages(
  db: Db,
  mediaPublicUrl: URL | null,
  articleIds: readonly string[],
): Promise<Map<string, CardImage>> {
  const images = new Map<string, CardImage>();
  if (articleIds.length === 0) return images;
  // Only the ids in SQL, the status checked here: given `status = ?` too, SQLite walked the status
  // index through every published article (8.7 ms at 10,000, ADR 0023) instead of the five ids' keys.
  const rows = await prepared(
    db
      .selectFrom('articles')
      .select(['id', 'lead_image', 'status'])
      .where('id', 'in', [...new Set(articleIds)]),
  ).execute();
  const leads = rows.flatMap((r) =>
    r.status === 'published' && r.lead_image !== null
      ? [{ id: r.id, lead: JSON.parse(r.lead_image) as LeadImage }]
      : [],
  );
  const media = await findMediaByIds(
    db,
    leads.map((l) => l.lead.mediaId),
    mediaPublicUrl ? { publicBase: mediaPublicUrl.href } : {},
  );
  for (const { id, lead } of leads) {
    const photo = media.get(lead.mediaId);
    if (!photo) continue;
    const image = cardImageOf(
      photo.id,
      photo.variants,
      lead.alt || photo.altText,
      objectPositionOf(photo.focalPoint),
    );
    if (image) images.set(id, image);
  }
  return images;
}

function cardImageOf(
  mediaId: string,
  variants: readonly MediaVariant[],
  alt: string,
  position: string,
): CardImage | null {
  const ladder = variants
    .filter((v) => v.kind === 'width' && v.width <= CARD_MAX_WIDTH)
    .sort((a, b) => a.width - b.width);
  const jpegs = ladder.filter((v) => v.format === 'jpeg');
  // Before the worker has made the ladder, only the (large) fallback JPEG exists (ADR 0013).
  const fallback =
    jpegs.find((v) => v.width >= CARD_FALLBACK_WIDTH) ??
    jpegs.at(-1) ??
    variants.filter((v) => v.kind === 'width' && v.format === 'jpeg').sort((a, b) => a.width - b.width)[0];
  if (!fallback) return null;
  const srcset = (format: MediaVariant['format']) =>
    ladder
      .filter((v) => v.format === format)
      .map((v) => `${v.url} ${v.width}w`)
      .join(', ');
  return {
    mediaId,
    avif: srcset('avif'),
    webp: srcset('webp'),
    jpeg: srcset('jpeg'),
    src: fallback.url,
    width: fallback.width,
    height: fallback.height,
    alt,
    position,
  };
}
