import type { Db } from '../../platform/database/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { getSection } from '../sections/index.js';
import { getTag } from '../tags/index.js';
import type { ArticleAccess, ArticleStatus, CorrectionKind, ReadScope } from './article.js';
import { articleInvalid, articleNotFound } from './article-errors.js';
import type { ArticleSort } from './article-list.js';
import { listArticleRows } from './article-list-repository.js';
import {
  type ArticleRow,
  type BylineRow,
  findArticleRow,
  findArticleTags,
  findBylines,
  findCorrections,
  findPreviousSlugs,
  findRevision,
  findSectionRefs,
  findStagedAuthors,
  findTagsByNames,
} from './article-repository.js';
import type { ArticleSnapshot, LeadImage } from './article-snapshot.js';
import { type ArticleDocument, countWords, readingMinutes } from './document/index.js';

/**
 * Reading articles for the newsroom: one article with its byline, tags, section, corrections and old
 * slugs, and the paged list. The writes (create, update, workflow, revisions) are in article-service.ts.
 */
/**
 * An article: the row (what readers see once it is published), its byline, tags, section, corrections and
 * old slugs, and the staged version of a live article's edits when there is one (`workingCopy` gives the
 * newsroom's view). Services change the row; only the presenter shows the working copy.
 */
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
  embargoUntil: string | null;
  unpublishedAt: string | null;
  previousSlugs: string[];
  corrections: { id: string; kind: CorrectionKind; text: string; publishedAt: string; by: string }[];
  /** Edits are staged, not live yet: `stagedVersion` holds them. */
  staged: boolean;
  /** The revision readers see: null unless published (ADR 0017). */
  liveRevision: number | null;
  /** Edits of a published article saved but not live yet (Update puts them live), or null. */
  stagedVersion: StagedVersion | null;
}

/** The fields a staged version holds: everything an edit can change, and what is derived from it. */
export type ArticleContent = Pick<
  Article,
  | 'slug'
  | 'headline'
  | 'dek'
  | 'dateline'
  | 'body'
  | 'access'
  | 'section'
  | 'authors'
  | 'tags'
  | 'bylineSuffix'
  | 'seoHeadline'
  | 'seoDescription'
  | 'leadImage'
  | 'wordCount'
  | 'readingMinutes'
>;

export interface StagedVersion {
  /** The revision whose snapshot this is. */
  revision: number;
  content: ArticleContent;
  snapshot: ArticleSnapshot;
}

/** The article as the newsroom edits it: the staged version's fields over the live row's, when staged. */
export function workingCopy(article: Article): Article {
  return article.stagedVersion ? { ...article, ...article.stagedVersion.content } : article;
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
    liveRevision: row.status === 'published' ? (row.live_revision ?? row.revision) : null,
    stagedVersion: await findStaged(db, row),
  };
}

/** The staged version's snapshot with its section, byline and tags read as the row's are. */
async function findStaged(db: Db, row: ArticleRow): Promise<StagedVersion | null> {
  if (row.staged_revision === null) return null;
  const revision = await findRevision(db, row.id, row.staged_revision);
  if (!revision) return null;
  const snapshot = JSON.parse(revision.snapshot) as ArticleSnapshot;
  const [sections, authors, tags] = await Promise.all([
    findSectionRefs(db, snapshot.sectionId ? [snapshot.sectionId] : []),
    findStagedAuthors(db, snapshot.authorIds),
    findTagsByNames(db, snapshot.tags),
  ]);
  const words = countWords(snapshot.body);
  return {
    revision: row.staged_revision,
    snapshot,
    content: {
      slug: snapshot.slug,
      headline: snapshot.headline,
      dek: snapshot.dek,
      dateline: snapshot.dateline,
      body: snapshot.body,
      access: snapshot.access,
      section: snapshot.sectionId ? (sections.get(snapshot.sectionId) ?? null) : null,
      authors,
      tags,
      bylineSuffix: snapshot.bylineSuffix,
      seoHeadline: snapshot.seoHeadline,
      seoDescription: snapshot.seoDescription,
      leadImage: snapshot.leadImage ?? null,
      wordCount: words,
      readingMinutes: readingMinutes(words),
    },
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
  | 'staged'
  | 'embargoUntil'
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
    staged: row.staged_revision !== null,
    embargoUntil: row.embargo_until,
  };
}

const PAGE = 20;

/** The list's filters and order, as GET /articles takes them. */
export interface ListQuery {
  status?: string;
  section?: string;
  author?: string;
  /** A tag's slug or id. */
  tag?: string;
  /** Text in the headline, dek, slug or body (ignoring case); blank means no text filter. */
  q?: string;
  sort?: ArticleSort;
  cursor?: string;
  limit?: number;
}

/**
 * A page of the articles `scope` may read, in the chosen order (last saved first unless asked), with an
 * opaque cursor for the next page: the last item's sort key and id.
 */
export async function listArticles(
  db: Db,
  query: ListQuery,
  scope: ReadScope,
): Promise<{ items: ArticleSummary[]; nextCursor: string | null }> {
  const limit = query.limit ?? PAGE;
  const sectionId = query.section ? (await getSection(db, query.section)).id : undefined;
  const tagId = query.tag ? (await getTag(db, query.tag)).id : undefined;
  const text = query.q?.trim();
  const rows = await listArticleRows(db, {
    status: query.status,
    sectionId,
    authorId: query.author,
    tagId,
    ...(text ? { text } : {}),
    sort: query.sort ?? 'updated',
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
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.list_key, last.id) : null };
}
