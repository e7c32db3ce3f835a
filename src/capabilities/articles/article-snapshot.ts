import type { ArticleAccess } from './article.js';
import type { ArticleDocument } from './document/index.js';

/** The article's editable fields as saved in each revision; restoring a revision writes these back. */
export interface ArticleSnapshot {
  headline: string;
  dek: string;
  dateline: string;
  slug: string;
  body: ArticleDocument;
  sectionId: string | null;
  tags: string[];
  authorIds: string[];
  bylineSuffix: string;
  access: ArticleAccess;
  seoHeadline: string;
  seoDescription: string;
  /** The lead photo and this article's own caption, credit and alt text (empty: the photo's own). */
  leadImage: LeadImage | null;
  /** The hard embargo (an ISO instant) or null; kept in revisions so history shows who set or lifted it. */
  embargoUntil: string | null;
}

export interface LeadImage {
  mediaId: string;
  caption: string;
  credit: string;
  alt: string;
}

export const SNAPSHOT_FIELDS: (keyof ArticleSnapshot)[] = [
  'headline',
  'dek',
  'dateline',
  'slug',
  'body',
  'sectionId',
  'tags',
  'authorIds',
  'bylineSuffix',
  'access',
  'seoHeadline',
  'seoDescription',
  'leadImage',
  'embargoUntil',
];

/** The names of the fields that differ between two snapshots, in the order above. */
export function changedFields(
  before: ArticleSnapshot | null,
  after: ArticleSnapshot,
): (keyof ArticleSnapshot)[] {
  if (!before) return [...SNAPSHOT_FIELDS];
  return SNAPSHOT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
