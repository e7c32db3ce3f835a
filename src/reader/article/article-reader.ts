import type { ArticleDocument } from '../../capabilities/articles/document/index.js';
import {
  type ArticleAccess,
  type BylineRow,
  type CorrectionKind,
  findBylines,
} from '../../capabilities/articles/index.js';
import type { Db } from '../../platform/database/database.js';
import {
  findArticleRowByRetiredSlug,
  findArticleRowBySlug,
  findReaderCorrections,
  findReaderTags,
  findRelatedCandidates,
  type ReaderArticleRow,
  type ReaderTag,
  type RelatedRow,
} from './article-reader-repository.js';

/** How many related articles the page lists. */
export const RELATED_LIMIT = 5;
/** Related articles come from the article's first few tags: the editor lists the main topics first. */
export const RELATED_TAGS = 5;

export interface RelatedArticle {
  id: string;
  slug: string;
  headline: string;
  firstPublishedAt: string;
  publishedAt: string;
}

/** A published article as the reader's page shows it. */
export interface ReaderArticle {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  dateline: string;
  body: ArticleDocument;
  access: ArticleAccess;
  section: { id: string; name: string; path: string } | null;
  /** What the page prints and JSON-LD says of each author. */
  authors: Pick<BylineRow, 'id' | 'name' | 'slug' | 'affiliation'>[];
  bylineSuffix: string;
  seoHeadline: string;
  seoDescription: string;
  /** The stored lead image reference (JSON), resolved against the media library by the page. */
  leadImageRef: string | null;
  /** The address date comes from this, so it never changes once set. */
  firstPublishedAt: string;
  /** The last public change: a republication, a published edit or a correction. */
  modifiedAt: string;
  tags: ReaderTag[];
  corrections: { id: string; kind: CorrectionKind; text: string; publishedAt: string }[];
  related: RelatedArticle[];
}

/**
 * What a slug leads to on the reader site. Drafts, articles in review and scheduled ones are
 * `missing`: readers must not learn they exist. An unpublished article is `gone` (410).
 */
export type ReaderLookup =
  | { kind: 'published'; article: ReaderArticle; viaRetiredSlug: boolean }
  | { kind: 'gone'; id: string }
  | { kind: 'missing' };

export async function lookUpReaderArticle(db: Db, slug: string): Promise<ReaderLookup> {
  let row = await findArticleRowBySlug(db, slug);
  let viaRetiredSlug = false;
  if (!row) {
    row = await findArticleRowByRetiredSlug(db, slug);
    viaRetiredSlug = row !== undefined;
  }
  if (!row) return { kind: 'missing' };
  if (row.status === 'unpublished') return { kind: 'gone', id: row.id };
  if (row.status !== 'published' || !row.first_published_at) return { kind: 'missing' };
  return {
    kind: 'published',
    article: await loadReaderArticle(db, row, row.first_published_at),
    viaRetiredSlug,
  };
}

async function loadReaderArticle(
  db: Db,
  row: ReaderArticleRow,
  firstPublishedAt: string,
): Promise<ReaderArticle> {
  const [authors, tags, corrections] = await Promise.all([
    findBylines(db, [row.id]).then((bylines) => bylines.get(row.id) ?? []),
    findReaderTags(db, row.id),
    findReaderCorrections(db, row.id),
  ]);
  // One more than the page lists from each: one of them may be the article itself.
  const candidates = await findRelatedCandidates(
    db,
    { sectionId: row.section_id, tagIds: tags.slice(0, RELATED_TAGS).map((t) => t.id) },
    RELATED_LIMIT + 1,
  );
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    dateline: row.dateline,
    body: JSON.parse(row.body) as ArticleDocument,
    access: row.access as ArticleAccess,
    section:
      row.section_id && row.section_name !== null && row.section_path !== null
        ? { id: row.section_id, name: row.section_name, path: row.section_path }
        : null,
    authors,
    bylineSuffix: row.byline_suffix,
    seoHeadline: row.seo_headline,
    seoDescription: row.seo_description,
    leadImageRef: row.lead_image,
    firstPublishedAt,
    modifiedAt: latestTime([firstPublishedAt, row.published_at, row.modified_at]),
    tags,
    corrections: corrections.map((c) => ({
      id: c.id,
      kind: c.kind as CorrectionKind,
      text: c.text,
      publishedAt: c.published_at,
    })),
    related: pickRelated(candidates, row.id, RELATED_LIMIT),
  };
}

/** The latest of some ISO times (all written by isoTime, so they compare as text). */
export function latestTime(times: (string | null)[]): string {
  return times.reduce<string>((latest, t) => (t && t > latest ? t : latest), '');
}

/** Candidates from several lists: once each, never the article itself, newest first. */
export function pickRelated(rows: RelatedRow[], selfId: string, limit: number): RelatedArticle[] {
  const seen = new Map<string, RelatedArticle>();
  for (const row of rows) {
    if (row.id === selfId || seen.has(row.id) || !row.first_published_at) continue;
    seen.set(row.id, {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      firstPublishedAt: row.first_published_at,
      publishedAt: row.published_at ?? row.first_published_at,
    });
  }
  return [...seen.values()]
    .sort((a, b) => (b.publishedAt === a.publishedAt ? cmp(b.id, a.id) : cmp(b.publishedAt, a.publishedAt)))
    .slice(0, limit);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
