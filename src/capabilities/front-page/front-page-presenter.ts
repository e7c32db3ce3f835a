import type { Static } from 'typebox';
import type { FrontPageOut } from './front-page-schemas.js';
import type { FrontPage } from './front-page-service.js';

/** The JSON shape of the front page's top stories in the Admin API. */
export function presentFrontPage(page: FrontPage): Static<typeof FrontPageOut> {
  return {
    revision: page.revision,
    updatedAt: page.updatedAt,
    updatedBy: page.updatedBy,
    picks: page.picks.map((p) => ({
      articleId: p.articleId,
      headline: p.headline,
      status: p.status,
      publishedAt: p.publishedAt,
      scheduledAt: p.scheduledAt,
      showsNow: p.showsNow,
    })),
  };
}
