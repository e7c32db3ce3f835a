import { findMediaByIds, type PictureSources, pictureSources } from '../../capabilities/media/index.js';
import type { Db } from '../../platform/database/database.js';

/** What a card needs to show an article's lead photo as a `<picture>`. */
export interface CardPhoto {
  mediaId: string;
  sources: PictureSources;
  alt: string;
}

/**
 * The lead photos of the articles the front page shows with a picture, by article id: three
 * queries whatever their number (the stored lead-image references, the photos, their files). An
 * article without a photo, or whose photo has no file yet, is absent and its card has no picture.
 */
export async function findCardPhotos(
  db: Db,
  mediaPublicUrl: URL | null,
  articleIds: readonly string[],
): Promise<Map<string, CardPhoto>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'lead_image'])
    .where('id', 'in', articleIds)
    .where('lead_image', 'is not', null)
    .execute();
  const leads = rows.map((row) => ({
    articleId: row.id,
    lead: JSON.parse(row.lead_image!) as { mediaId: string; alt?: string },
  }));
  const media = await findMediaByIds(
    db,
    leads.map((l) => l.lead.mediaId),
    mediaPublicUrl ? { publicBase: mediaPublicUrl.href } : {},
  );
  const photos = new Map<string, CardPhoto>();
  for (const { articleId, lead } of leads) {
    const photo = media.get(lead.mediaId);
    const sources = photo && pictureSources(photo, photo.variants);
    if (!photo || !sources) continue;
    // The article's own alt text first, as on its page; the photo desk's otherwise.
    photos.set(articleId, { mediaId: photo.id, sources, alt: lead.alt || photo.altText });
  }
  return photos;
}
