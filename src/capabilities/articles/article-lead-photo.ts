import type { Config } from '../../config.js';
import type { Db } from '../../platform/database/database.js';
import { absolute } from '../site/index.js';
import { readerLeadImage } from './article-lead-image.js';

/** The lead photo as feeds and sitemaps carry it: one absolute JPEG address, with caption and credit. */
export interface LeadPhotoForMachines {
  url: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
  alt: string;
}

/** null when the article has no lead photo, or its photo has no public file at all. */
export async function leadPhotoForMachines(
  db: Db,
  config: Pick<Config, 'mediaPublicUrl' | 'publicUrl'>,
  stored: string | null,
): Promise<LeadPhotoForMachines | null> {
  const lead = await readerLeadImage(db, config.mediaPublicUrl, stored);
  if (!lead) return null;
  const url = lead.src.startsWith('/') ? absolute(config.publicUrl, lead.src) : lead.src;
  return {
    url,
    width: lead.width,
    height: lead.height,
    caption: lead.caption,
    credit: lead.credit,
    alt: lead.alt,
  };
}
