import type { Db } from '../../platform/database/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { getSection } from '../sections/index.js';
import type { ArticleAccess, ArticleStatus, CorrectionKind, ReadScope } from './article.js';
import { articleInvalid, articleNotFound } from './article-errors.js';
import {
  type ArticleRow,
  type BylineRow,
  findArticleRow,
  findArticleTags,
  findBylines,
  findCorrections,
  findPreviousSlugs,
  findSectionRefs,
  listArticleRows,
} from './article-repository.js';
import type { LeadImage } from './article-snapshot.js';
import type { ArticleDocument } from './document/index.js';

/**
 * Reading articles for the newsroom: one article with its byline, tags, section, corrections and old
 * slugs, and the paged list. The writes (create, update, workflow, revisions) are in article-service.ts.
 */
/** An article as the newsroom sees it: the row, its byline, tags, section, corrections and old slugs. */
export interface Article {
  id: string;
  slug: string;
  status: ArticleStatus;
  headline: string;
  dek: string;
  dateline: string;
  body: ArticleDocument;
  access: ArticleAccess;
  section: { id: string; name: string; path: string } | null;
  authors: BylineRow[];
  tags: { id: string; name: string; slug: string }[];
  bylineSuffix: string;
  seoHeadline: string;
  seoDescription: string;
  leadImage: LeadImage | null;
  wordCount: number;
  readingMinutes: number;
  revision: number;
  createdBy: string | null;
  createdAt: string;
  savedAt: string;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  scheduledAt: string | null;
  unpublishedAt: string | null;
  previousSlugs: string[];
  corrections: { id: string; kind: CorrectionKind; text: string; publishedAt: string; by: string }[];
}

export async function findArticle(db: Db, id: string): Promise<Article | undefined> {
  const row = await findArticleRow(db, id);
  if (!row) return undefined;
  const [bylines, tags, sections, previousSlugs, corrections] = await Promise.all([
    findBylines(db, [id]),
    findArticleTags(db, id),
    findSectionRefs(db, row.section_id ? [row.section_id] : []),
    findPreviousSlugs(db, id),
    findCorrections(db, id),
  ]);
  return {
    ...summaryFields(
      row,
      bylines.get(id) ?? [],
      row.section_id ? (sections.get(row.section_id) ?? null) : null,
    ),
    dateline: row.dateline,
    body: JSON.parse(row.body) as ArticleDocument,
    access: row.access as ArticleAccess,
    tags,
    bylineSuffix: row.byline_suffix,
    seoHeadline: row.seo_headline,
    seoDescription: row.seo_description,
    leadImage: row.lead_image ? (JSON.parse(row.lead_image) as LeadImage) : null,
    wordCount: row.word_count,
    readingMinutes: row.reading_minutes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    firstPublishedAt: row.first_published_at,
    modifiedAt: row.modified_at,
    unpublishedAt: row.unpublished_at,
    previousSlugs,
    corrections: corrections.map((c) => ({
      id: c.id,
      kind: c.kind as CorrectionKind,
      text: c.text,
      publishedAt: c.published_at,
      by: c.actor_name,
    })),
  };
}

export async function getArticle(db: Db, id: string): Promise<Article> {
  const article = await findArticle(db, id);
  if (!article) throw articleNotFound(id);
  return article;
}

export type ArticleSummary = Pick<
  Article,
  | 'id'
  | 'slug'
  | 'status'
  | 'headline'
  | 'dek'
  | 'section'
  | 'authors'
  | 'revision'
  | 'savedAt'
  | 'publishedAt'
  | 'scheduledAt'
>;

function summaryFields(row: ArticleRow, authors: BylineRow[], section: Article['section']): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status as ArticleStatus,
    headline: row.headline,
    dek: row.dek,
    section,
    authors,
    revision: row.revision,
    savedAt: row.saved_at,
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
  };
}

const PAGE = 20;

/** A page of articles, newest saved first, with an opaque cursor for the next page. */
/** A page of the articles `scope` may read, newest saved first, with an opaque cursor for the next page. */
export async function listArticles(
  db: Db,
  query: { status?: string; section?: string; author?: string; cursor?: string; limit?: number },
  scope: ReadScope,
): Promise<{ items: ArticleSummary[]; nextCursor: string | null }> {
  const limit = query.limit ?? PAGE;
  const sectionId = query.section ? (await getSection(db, query.section)).id : undefined;
  const rows = await listArticleRows(db, {
    status: query.status,
    sectionId,
    authorId: query.author,
    after: query.cursor ? decodeCursor(query.cursor, (m) => articleInvalid('cursor', m)) : undefined,
    ...(scope.all ? {} : { readableBy: { staffId: scope.staffId } }),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const bylines = await findBylines(
    db,
    page.map((r) => r.id),
  );
  const sections = await findSectionRefs(db, [
    ...new Set(page.flatMap((r) => (r.section_id ? [r.section_id] : []))),
  ]);
  const items = page.map((r) =>
    summaryFields(r, bylines.get(r.id) ?? [], r.section_id ? (sections.get(r.section_id) ?? null) : null),
  );
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.saved_at, last.id) : null };
}
