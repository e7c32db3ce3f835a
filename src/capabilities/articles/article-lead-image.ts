import type { Db } from '../../platform/database/database.js';
import { findMediaById, pictureSources } from '../media/index.js';
import type { LeadImage } from './article-snapshot.js';
import type { LeadFigureProps } from './render/index.js';

/** The lead photo with what JSON-LD and the photo desk add to it. */
export interface ArticleLeadImage extends LeadFigureProps {
  copyrightNotice?: string | null;
  creator?: string | null;
}

/** The lead photo spans the text column on wide screens and the screen on phones. */
const LEAD_SIZES = '(min-width: 46rem) 44rem, 100vw';

/**
 * The lead photo as the reader page shows it: the photo desk's variants, and the article's own
 * caption, credit and alt text over the photo's. From the upload on there is at least the fallback
 * JPEG (ADR 0013); null only for a photo with no file at all, so a page never points at nothing.
 */
export async function readerLeadImage(
  db: Db,
  mediaPublicUrl: URL | null,
  stored: string | null,
): Promise<ArticleLeadImage | null> {
  if (!stored) return null;
  const lead = JSON.parse(stored) as LeadImage;
  const media = await findMediaById(
    db,
    lead.mediaId,
    mediaPublicUrl ? { publicBase: mediaPublicUrl.href } : {},
  );
  if (!media) return null;
  const sources = pictureSources(media, media.variants);
  if (!sources) return null;
  return {
    sources: { avif: sources.avif, webp: sources.webp, jpeg: sources.jpeg, sizes: LEAD_SIZES },
    src: sources.fallbackSrc,
    width: sources.width,
    height: sources.height,
    alt: lead.alt || media.altText,
    caption: lead.caption || media.caption,
    credit: lead.credit || media.credit,
    copyrightNotice: media.copyrightNotice || null,
    creator: media.creator || null,
  };
}
