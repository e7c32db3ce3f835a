import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.js';
import * as staffAccess from './0002-staff-access.js';
import * as jobsWebhooks from './0003-jobs-webhooks.js';
import * as desk from './0004-desk.js';
import * as articles from './0005-articles.js';
import * as media from './0006-media.js';
import * as search from './0007-search.js';
import * as pageCache from './0008-page-cache.js';
import * as revisionNotes from './0009-revision-notes.js';
import * as listingIndexes from './0010-listing-indexes.js';
import * as siteKeys from './0011-site-keys.js';
import * as accounts from './0012-accounts.js';
import * as consent from './0013-consent.js';
import * as relatedByTag from './0014-related-by-tag.js';
import * as frontPage from './0015-front-page.js';
import * as searchFilters from './0016-search-filters.js';
import * as listingOrderIndexes from './0017-listing-order-indexes.js';
import * as auditTrail from './0018-audit-trail.js';
import * as demoItems from './0019-demo-items.js';
import * as staffSecurity from './0021-staff-security.js';
import * as searchOpenText from './0023-search-open-text.js';
import * as stagedVersions from './0024-staged-versions.js';
import * as articleEmbargo from './0025-article-embargo.js';
import * as budgetOrders from './0026-budget-orders.js';
import * as frontPageSections from './0027-front-page-sections.js';
import * as authorLinksOpenShare from './0028-author-links-open-share.js';
import * as staffInvitations from './0029-staff-invitations.js';
import * as tagRedirects from './0030-tag-redirects.js';
import * as edgePurges from './0033-edge-purges.js';
import * as liveDocuments from './0034-live-documents.js';
import * as comments from './0035-comments.js';

/**
 * Every migration, in order. One file each, dialect-neutral (Kysely's schema builder); a migration
 * that must differ by dialect checks `db.getExecutor().adapter` and says why. Never edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-staff-access': staffAccess,
  '0003-jobs-webhooks': jobsWebhooks,
  '0004-desk': desk,
  '0005-articles': articles,
  '0006-media': media,
  '0007-search': search,
  '0008-page-cache': pageCache,
  '0009-revision-notes': revisionNotes,
  '0010-listing-indexes': listingIndexes,
  '0011-site-keys': siteKeys,
  '0012-accounts': accounts,
  '0013-consent': consent,
  '0014-related-by-tag': relatedByTag,
  '0015-front-page': frontPage,
  '0016-search-filters': searchFilters,
  '0017-listing-order-indexes': listingOrderIndexes,
  '0018-audit-trail': auditTrail,
  '0019-demo-items': demoItems,
  '0021-staff-security': staffSecurity,
  '0023-search-open-text': searchOpenText,
  '0024-staged-versions': stagedVersions,
  '0025-article-embargo': articleEmbargo,
  '0026-budget-orders': budgetOrders,
  '0027-front-page-sections': frontPageSections,
  '0028-author-links-open-share': authorLinksOpenShare,
  '0029-staff-invitations': staffInvitations,
  '0030-tag-redirects': tagRedirects,
  '0033-edge-purges': edgePurges,
  '0034-live-documents': liveDocuments,
  '0035-comments': comments,
};
