/** A passage of an article that staff discuss (migration 0035, ADR 0034). */
export interface CommentThreadTable {
  /** The opening comment's id too. */
  id: string;
  article_id: string;
  /** The field the passage is in: `body`, `headline` or `dek`. */
  field: string;
  /** Y.encodeRelativePosition, base64; null when the client was not editing live. */
  anchor_start: string | null;
  anchor_end: string | null;
  /** The text-quote selector (W3C Web Annotation): the exact passage and up to 32 characters either side. */
  quote: string;
  prefix: string;
  suffix: string;
  created_at: string;
  /** The article's comment version when it was written: the order of writing, even within one millisecond. */
  seq: number;
  resolved_at: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

export interface CommentTable {
  id: string;
  thread_id: string;
  article_id: string;
  /** The staff member who wrote it; null when an API token did (`author_token`). */
  author_id: string | null;
  author_token: string | null;
  /** As it was then, like the audit trail's names. */
  author_name: string;
  text: string;
  /** JSON array of the mentioned staff ids. */
  mentions: string;
  created_at: string;
  seq: number;
  edited_at: string | null;
}

/** How many times an article's comments have changed: the poll's ETag, and the row each write locks first. */
export interface CommentVersionTable {
  article_id: string;
  version: number;
  updated_at: string;
}

export interface CommentTables {
  comment_threads: CommentThreadTable;
  comments: CommentTable;
  comment_versions: CommentVersionTable;
}
