import type { Article, ArticleAccess, BodyDocument } from '../api/types';

/** What the editor edits: the fields of PATCH /articles/:id that this screen offers. */
export interface StoryFields {
  headline: string;
  dek: string;
  dateline: string;
  /** A section id; null for none. */
  section: string | null;
  tags: string[];
  access: ArticleAccess;
  body: BodyDocument;
}

export type FieldName = keyof StoryFields;
export const FIELD_NAMES: FieldName[] = ['headline', 'dek', 'dateline', 'section', 'tags', 'access', 'body'];

export const FIELD_LABELS: Record<FieldName, string> = {
  headline: 'Headline',
  dek: 'Dek',
  dateline: 'Dateline',
  section: 'Section',
  tags: 'Tags',
  access: 'Access',
  body: 'Body',
};

export function fieldsOf(article: Article): StoryFields {
  return {
    headline: article.headline,
    dek: article.dek,
    dateline: article.dateline,
    section: article.section?.id ?? null,
    tags: article.tags.map((t) => t.name),
    access: article.access,
    body: article.body,
  };
}

/** The fields whose values differ; the body is compared as JSON (only when a save is due, not per keystroke). */
export function changedFields(from: StoryFields, to: StoryFields): FieldName[] {
  return FIELD_NAMES.filter((name) => JSON.stringify(from[name]) !== JSON.stringify(to[name]));
}

export function pick(fields: StoryFields, names: FieldName[]): Partial<StoryFields> {
  return Object.fromEntries(names.map((name) => [name, fields[name]]));
}
