/**
 * The shapes of the Admin API that the app reads, as the server's TypeBox schemas describe them
 * (src/capabilities/articles/article-schemas.ts and friends; the OpenAPI document is /api/admin/v1/openapi.json).
 */

export type StaffRole = 'contributor' | 'reporter' | 'editor' | 'admin' | 'owner';
export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';
export type ArticleAccess = 'metered' | 'free' | 'registration';

export interface Staff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export interface SectionRef {
  id: string;
  name: string;
  path: string;
}

export interface Section extends SectionRef {
  depth: number;
}

export interface Author {
  id: string;
  name: string;
  slug: string;
  /** guest: a contributor with a byline page but no login. */
  kind: 'staff' | 'guest';
  staffId: string | null;
  affiliation: string | null;
}

export interface Tag {
  id: string;
  name: string;
  slug: string;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  status: ArticleStatus;
  headline: string;
  dek: string;
  section: SectionRef | null;
  authors: { id: string; name: string; slug: string }[];
  revision: number;
  savedAt: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  /** A live article's saved edits are staged: readers see them only after Update. */
  staged: boolean;
  /** The hard embargo: the server publishes nothing before this instant, whoever asks. */
  embargoUntil: string | null;
}

/** A node of the body: ProseMirror JSON (the server's document.ts names the node types it accepts). */
export interface BodyNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: BodyNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** The body: ProseMirror JSON as the server's document schema accepts it. */
export interface BodyDocument {
  type: 'doc';
  content?: BodyNode[];
}

/** The lead photo as the article uses it: caption, credit and alt here override the photo's own. */
export interface LeadImage {
  mediaId: string;
  caption: string;
  credit: string;
  alt: string;
}

export interface Correction {
  id: string;
  kind: CorrectionKind;
  text: string;
  publishedAt: string;
  by: string;
}

export type CorrectionKind = 'correction' | 'clarification';

export interface Article extends ArticleSummary {
  dateline: string;
  body: BodyDocument;
  access: ArticleAccess;
  tags: Tag[];
  bylineSuffix: string;
  seoHeadline: string;
  seoDescription: string;
  leadImage: LeadImage | null;
  wordCount: number;
  readingMinutes: number;
  corrections: Correction[];
  /** The revision readers see; null while the article is not published. */
  liveRevision: number | null;
}

export interface MediaVariant {
  kind: 'width' | 'social';
  format: 'avif' | 'webp' | 'jpeg';
  width: number;
  height: number;
  url: string;
}

/** A photo of the library (GET /media/:id; the list gives a `thumbnail` instead of `variants`). */
export interface Media {
  id: string;
  width: number;
  height: number;
  originalName: string;
  altText: string;
  caption: string;
  credit: string;
  creator: string;
  copyrightNotice: string;
  usageTerms: string;
  focalPoint: { x: number; y: number };
  variantsStatus: 'pending' | 'ready' | 'failed';
  variants?: MediaVariant[];
  thumbnail?: MediaVariant | null;
  /** The articles the photo runs in (GET /media/:id only; those the caller may read). */
  usedIn?: MediaUse[];
  uploadedBy: { staffId: string | null; name: string };
  createdAt: string;
}

export interface MediaUse {
  articleId: string;
  headline: string;
  slug: string;
  status: ArticleStatus;
  places: ('lead' | 'body')[];
}

/** One revision in the history list (GET /articles/:id/revisions). */
export interface RevisionSummary {
  number: number;
  note: string | null;
  action: string;
  status: string;
  changed: string[];
  by: string;
  createdAt: string;
}

/** What a revision holds (its `snapshot`). */
export interface RevisionSnapshot {
  headline: string;
  dek: string;
  dateline: string;
  slug: string;
  body: BodyDocument;
  sectionId: string | null;
  tags: string[];
  authorIds: string[];
  bylineSuffix: string;
  access: ArticleAccess;
  seoHeadline: string;
  seoDescription: string;
  leadImage?: LeadImage | null;
  embargoUntil?: string | null;
}

export interface Revision extends RevisionSummary {
  snapshot: RevisionSnapshot;
}

export interface ArticlePage {
  items: ArticleSummary[];
  nextCursor: string | null;
}

/** GET /publication: what every staff member may know of the paper. */
export interface Publication {
  name: string;
  locale: string;
  timeZone: string;
  freeArticlesPerMonth: number;
}

/** The API's error body: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** A section as GET /sections gives it, in tree order (the Sections screen). */
export interface SectionNode extends Section {
  slug: string;
  parentId: string | null;
  position: number;
  frontPageHidden: boolean;
}

/** GET /tags: each tag with how many articles carry it. */
export interface CountedTag extends Tag {
  articleCount: number;
}

/** An author profile as GET /authors gives it. */
export interface AuthorProfile extends Author {
  bio: string;
  photoUrl: string | null;
  links: { label: string; url: string }[];
}

export const WEBHOOK_EVENTS = [
  'article.published',
  'article.updated',
  'article.unpublished',
  'article.deleted',
  'article.corrected',
  'front_page.updated',
] as const;

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  description: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface WebhookDelivery {
  id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** One entry of GET /corrections: the paper's corrections log. */
export interface LoggedCorrection extends Correction {
  article: { id: string; headline: string; slug: string; status: string };
}

/** Where a comment's passage is (ADR 0034): Yjs relative positions when made live, always the quote. */
export interface CommentAnchor {
  field: 'body' | 'headline' | 'dek';
  /** base64 of `Y.encodeRelativePosition`; null when made without the live document. */
  start: string | null;
  end: string | null;
  /** The W3C text-quote selector: the exact text, and up to 32 characters either side. */
  quote: string;
  prefix: string;
  suffix: string;
}

/** A person as comments name them; `id` is null for an API token. */
export interface CommentPerson {
  id: string | null;
  name: string;
}

export interface Comment {
  id: string;
  threadId: string;
  author: CommentPerson;
  text: string;
  /** Staff ids of the people mentioned. */
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
}

/** A thread's id is its opening comment's. */
export interface CommentThread {
  id: string;
  articleId: string;
  anchor: CommentAnchor;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedBy: CommentPerson | null;
  createdAt: string;
  /** Oldest first; the first opens the thread. */
  comments: Comment[];
}

/** GET /articles/:id/comments: `version` counts every change and is the ETag's. */
export interface CommentThreadList {
  version: number;
  threads: CommentThread[];
}
