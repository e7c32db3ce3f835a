import type { Article, ArticleAccess, BodyDocument, LeadImage } from '../api/types';

/** What the editor edits: the fields of PATCH /articles/:id that this screen offers. */
export interface StoryFields {
  headline: string;
  dek: string;
  dateline: string;
  /** A section id; null for none. */
  section: string | null;
  tags: string[];
  /** The byline's authors (staff and guests), in the order printed. */
  authorIds: string[];
  /** Printed after the names, e.g. "with reporting by Ann Lee". */
  bylineSuffix: string;
  access: ArticleAccess;
  seoHeadline: string;
  seoDescription: string;
  leadImage: LeadImage | null;
  body: BodyDocument;
  /** The hard embargo (an instant) or null: the server publishes nothing before it. */
  embargoUntil: string | null;
}

export type FieldName = keyof StoryFields;
export const FIELD_NAMES: FieldName[] = [
  'headline',
  'dek',
  'dateline',
  'section',
  'tags',
  'authorIds',
  'bylineSuffix',
  'access',
  'seoHeadline',
  'seoDescription',
  'leadImage',
  'body',
  'embargoUntil',
];

/** The fields of the article's live document (ADR 0031): while it is open, the server saves them. */
export const LIVE_FIELDS: readonly FieldName[] = ['headline', 'dek', 'body'];

export const FIELD_LABELS: Record<FieldName, string> = {
  headline: 'Headline',
  dek: 'Dek',
  dateline: 'Dateline',
  section: 'Section',
  tags: 'Tags',
  authorIds: 'Byline',
  bylineSuffix: 'Byline suffix',
  access: 'Access',
  seoHeadline: 'Search and social headline',
  seoDescription: 'Search and social description',
  leadImage: 'Lead photo',
  body: 'Body',
  embargoUntil: 'Embargo',
};

export function fieldsOf(article: Article): StoryFields {
  return {
    headline: article.headline,
    dek: article.dek,
    dateline: article.dateline,
    section: article.section?.id ?? null,
    tags: article.tags.map((t) => t.name),
    authorIds: article.authors.map((a) => a.id),
    bylineSuffix: article.bylineSuffix ?? '',
    access: article.access,
    seoHeadline: article.seoHeadline ?? '',
    seoDescription: article.seoDescription ?? '',
    leadImage: article.leadImage ?? null,
    body: article.body,
    embargoUntil: article.embargoUntil ?? null,
  };
}

/** The fields whose values differ; the body is compared as JSON (only when a save is due, not per keystroke). */
export function changedFields(from: StoryFields, to: StoryFields): FieldName[] {
  return FIELD_NAMES.filter((name) => JSON.stringify(from[name]) !== JSON.stringify(to[name]));
}

export function pick(fields: StoryFields, names: FieldName[]): Partial<StoryFields> {
  return Object.fromEntries(names.map((name) => [name, fields[name]]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Rebases this device's work on a newer server version when no field was changed differently on both
 * sides; null when one was (then the merge view asks). A field counts as untouched by others when the
 * server holds either the shared base's value or what this device last sent: a save whose answer was
 * lost (the network dropped, the tab reloaded) landed all the same, and is not someone else's edit.
 */
export function rebaseWork(
  base: StoryFields,
  theirs: StoryFields,
  mine: StoryFields,
  sent: Partial<StoryFields> | undefined,
): StoryFields | null {
  const merged = { ...mine };
  for (const name of FIELD_NAMES) {
    const untouched =
      same(theirs[name], base[name]) || (sent && name in sent && same(theirs[name], sent[name]));
    if (untouched || same(theirs[name], mine[name])) continue;
    if (!same(mine[name], base[name])) return null;
    (merged as Record<FieldName, unknown>)[name] = theirs[name];
  }
  return merged;
}
