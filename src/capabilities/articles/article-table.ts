/** The current state of each article; every save also writes a full snapshot to article_revisions. */
export interface ArticleTable {
  id: string;
  slug: string;
  status: string;
  headline: string;
  dek: string;
  dateline: string;
  /** ProseMirror/Tiptap JSON, checked on every save. */
  body: string;
  /** The body as plain text, kept for search and word count. */
  body_text: string;
  /**
   * The body's text any reader may read (`publicBodyText`): all of it for a free article, the part
   * the wall leaves open for the others. The search index holds this, never `body_text` (0023).
   */
  public_text: string;
  access: string;
  section_id: string | null;
  /** JSON: the lead image and its per-use caption, credit and alt text. */
  lead_image: string | null;
  seo_headline: string;
  seo_description: string;
  byline_suffix: string;
  word_count: number;
  reading_minutes: number;
  /** Bumped by every save; an update must name the revision it was based on. */
  revision: number;
  created_by: string | null;
  created_at: string;
  /** Last save of any kind (internal). */
  saved_at: string;
  first_published_at: string | null;
  published_at: string | null;
  /** Last public change: a published update or a correction (dateModified). */
  modified_at: string | null;
  scheduled_at: string | null;
  unpublished_at: string | null;
  /**
   * While edits of a published article are staged (not live yet): the revision whose snapshot is the
   * newsroom's working copy. Null when nothing is staged (migration 0024, ADR 0017).
   */
  staged_revision: number | null;
  /** While edits are staged: the revision whose snapshot this row holds, the one readers see. */
  live_revision: number | null;
  /** The hard embargo: no publishing before this instant, whoever asks (migration 0025). */
  embargo_until: string | null;
}

export interface ArticleAuthorTable {
  article_id: string;
  author_id: string;
  position: number;
}

export interface ArticleTagTable {
  article_id: string;
  tag_id: string;
  position: number;
  /** The article's published_at while it is published, else null: a tag's newest in one index walk. */
  published_at: string | null;
}

export interface ArticleRevisionTable {
  id: string;
  article_id: string;
  number: number;
  action: string;
  /** JSON: the article's editable fields as they were after this save. */
  snapshot: string;
  /** JSON array of the field names this save changed. */
  changed: string;
  status: string;
  staff_id: string | null;
  actor_name: string;
  created_at: string;
  /** Why an editor overrode a pre-publish check, when one did. */
  note: string | null;
}

/** Slugs an article had before; reader requests for them are redirected (301) to the current one. */
export interface ArticleSlugTable {
  slug: string;
  article_id: string;
  retired_at: string;
}

export interface CorrectionTable {
  id: string;
  article_id: string;
  kind: string;
  text: string;
  published_at: string;
  staff_id: string | null;
  actor_name: string;
}

/** An address a deleted article had on the reader site: it answers 410 Gone (migration 0018). */
export interface ArticleTombstoneTable {
  /** As `articlePath` writes it: /YYYY/MM/DD/<slug, percent-encoded>. */
  path: string;
  article_id: string;
  headline: string;
  deleted_at: string;
}

export interface ArticleTables {
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  article_tags: ArticleTagTable;
  article_revisions: ArticleRevisionTable;
  article_slugs: ArticleSlugTable;
  corrections: CorrectionTable;
  article_tombstones: ArticleTombstoneTable;
}
