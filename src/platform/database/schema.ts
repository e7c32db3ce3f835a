import type { AccountTables } from '../../capabilities/accounts/account-table.js';
import type { ArticleTables } from '../../capabilities/articles/article-table.js';
import type { AuditTables } from '../../capabilities/audit/audit-table.js';
import type { AuthorTables } from '../../capabilities/authors/author-table.js';
import type { LiveDocumentTables } from '../../capabilities/coediting/live-document-table.js';
import type { CommentTables } from '../../capabilities/comments/comment-table.js';
import type { ConsentTables } from '../../capabilities/consent/consent-table.js';
import type { DemoTables } from '../../capabilities/demo/demo-table.js';
import type { FrontPageTables } from '../../capabilities/front-page/front-page-table.js';
import type { LegalTables } from '../../capabilities/legal/legal-table.js';
import type { MediaTables } from '../../capabilities/media/media-table.js';
import type { SectionTables } from '../../capabilities/sections/section-table.js';
import type { SettingsTable } from '../../capabilities/settings/settings-table.js';
import type { StaffAccessTables } from '../../capabilities/staff/staff-access-table.js';
import type { StaffSecurityTables } from '../../capabilities/staff/staff-security-table.js';
import type { StaffInvitationTable, StaffTable } from '../../capabilities/staff/staff-table.js';
import type { TagTables } from '../../capabilities/tags/tag-table.js';
import type { WebhookTables } from '../../capabilities/webhooks/webhook-table.js';
import type { PurgeTables } from '../http/purge-table.js';
import type { JobTables } from '../jobs/job-table.js';
import type { SiteKeyTables } from '../keys/site-keys.js';

/**
 * Every table Masthead keeps, as Kysely sees it. Each capability owns its tables' types (an
 * interface mapping table names to row types); this file only gathers them.
 * Times are ISO 8601 UTC text in both dialects (ADR 0002).
 */
export interface Database
  extends StaffAccessTables,
    JobTables,
    WebhookTables,
    SectionTables,
    TagTables,
    AuthorTables,
    LegalTables,
    ArticleTables,
    MediaTables,
    PurgeTables,
    SiteKeyTables,
    AccountTables,
    ConsentTables,
    FrontPageTables,
    AuditTables,
    DemoTables,
    StaffSecurityTables,
    LiveDocumentTables,
    CommentTables {
  settings: SettingsTable;
  staff: StaffTable;
  staff_invitations: StaffInvitationTable;
}
