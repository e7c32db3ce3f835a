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
  staffId: string | null;
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

export interface Article extends ArticleSummary {
  dateline: string;
  body: BodyDocument;
  access: ArticleAccess;
  tags: { id: string; name: string; slug: string }[];
  wordCount: number;
}

export interface ArticlePage {
  items: ArticleSummary[];
  nextCursor: string | null;
}

/** The API's error body: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
