import { type Article, type ArticleSummary, workingCopy } from './article-queries.js';

/**
 * The JSON shape of an article in the Admin API; never a raw row. The newsroom edits the working copy:
 * a live article with staged edits shows them, with `staged: true` and the `liveRevision` readers see.
 */
export function presentArticle(article: Article) {
  const a = workingCopy(article);
  return {
    ...presentArticleSummary(a),
    dateline: a.dateline,
    body: a.body as unknown as Record<string, unknown>,
    access: a.access,
    tags: a.tags,
    bylineSuffix: a.bylineSuffix,
    seoHeadline: a.seoHeadline,
    seoDescription: a.seoDescription,
    leadImage: a.leadImage,
    wordCount: a.wordCount,
    readingMinutes: a.readingMinutes,
    createdAt: a.createdAt,
    firstPublishedAt: a.firstPublishedAt,
    modifiedAt: a.modifiedAt,
    unpublishedAt: a.unpublishedAt,
    previousSlugs: a.previousSlugs,
    corrections: a.corrections,
    liveRevision: a.liveRevision,
  };
}

export function presentArticleSummary(a: ArticleSummary) {
  return {
    id: a.id,
    slug: a.slug,
    status: a.status,
    headline: a.headline,
    dek: a.dek,
    section: a.section ? { id: a.section.id, name: a.section.name, path: a.section.path } : null,
    authors: a.authors.map((x) => ({ id: x.id, name: x.name, slug: x.slug })),
    revision: a.revision,
    savedAt: a.savedAt,
    publishedAt: a.publishedAt,
    scheduledAt: a.scheduledAt,
    staged: a.staged,
    embargoUntil: a.embargoUntil,
  };
}
