import type { Db } from '../../platform/database/database.js';
import { findArticlesNaming } from './media-repository.js';

export interface MediaUse {
  readonly articleId: string;
  readonly headline: string;
  readonly slug: string;
  readonly status: string;
  /** `lead`: the article's lead image; `body`: an image in its text. */
  readonly places: ('lead' | 'body')[];
}

/**
 * The articles a photo runs in. Articles keep images as JSON (the lead image, and image nodes in the
 * body document), each naming its photo as `"mediaId":"<id>"`, so the search is for that exact text.
 * The articles capability may later replace this with a reference table; callers only see this function.
 */
export async function mediaUsage(db: Db, mediaId: string): Promise<MediaUse[]> {
  const rows = await findArticlesNaming(db, `"mediaId":${JSON.stringify(mediaId)}`);
  return rows.map((row) => ({
    articleId: row.id,
    headline: row.headline,
    slug: row.slug,
    status: row.status,
    places: [
      ...(Number(row.in_lead) ? (['lead'] as const) : []),
      ...(Number(row.in_body) ? (['body'] as const) : []),
    ],
  }));
}
