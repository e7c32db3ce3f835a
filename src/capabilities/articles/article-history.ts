import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../staff/index.js';
import { getReadableArticle } from './article-access.js';
import { revisionConflict } from './article-errors.js';
import { presentArticle } from './article-presenter.js';
import { type Article, getArticle, workingCopy } from './article-queries.js';
import { findRevision, findRevisions, type RevisionRow } from './article-repository.js';
import { saveVersion } from './article-saving.js';
import { assertRight, resolveSnapshot, snapshotOf } from './article-service.js';
import type { ArticleSnapshot } from './article-snapshot.js';
import { diffRevisions } from './document/index.js';

export interface RevisionSummary {
  number: number;
  note: string | null;
  action: string;
  status: string;
  changed: string[];
  by: string;
  createdAt: string;
}

function summarise(row: RevisionRow): RevisionSummary {
  return {
    number: row.number,
    note: row.note,
    action: row.action,
    status: row.status,
    changed: JSON.parse(row.changed) as string[],
    by: row.actor_name,
    createdAt: row.created_at,
  };
}

/** An article's history, for those who may read the article (ADR 0014). */
export async function listRevisions(db: Db, actor: Actor, articleId: string): Promise<RevisionSummary[]> {
  await getReadableArticle(db, actor, articleId);
  return (await findRevisions(db, articleId)).map(summarise);
}

/** One revision with a readable diff against the revision before it, for those who may read the article. */
export async function getRevision(db: Db, actor: Actor, articleId: string, number: number) {
  await getReadableArticle(db, actor, articleId);
  const row = await findRevision(db, articleId, number);
  if (!row)
    throw new AppError('REVISION_NOT_FOUND', 404, `This article has no revision ${number}.`, { number });
  const previous = number > 1 ? await findRevision(db, articleId, number - 1) : undefined;
  const snapshot = readSnapshot(row.snapshot);
  const before = previous ? readSnapshot(previous.snapshot) : null;
  return {
    ...summarise(row),
    snapshot: snapshot as unknown as Record<string, unknown>,
    diff: diffRevisions(
      forDiff(before ?? emptySnapshotLike(snapshot)),
      forDiff(snapshot),
    ) as unknown as Record<string, unknown>[],
  };
}

/**
 * Brings back an earlier revision's content as a new revision; the history keeps everything. On a live
 * article it is a save like any other: staged until Update (ADR 0017).
 */
export async function restoreRevision(
  trx: Db,
  clock: Clock,
  actor: Actor,
  articleId: string,
  number: number,
  basedOn: number,
): Promise<Article> {
  const current = await getArticle(trx, articleId);
  // Rights first: a 409 carries the current version, which only someone who may restore should see.
  assertRight(actor, current, 'restore');
  if (current.revision !== basedOn)
    throw revisionConflict(basedOn, presentArticle(current), current.revision);
  const row = await findRevision(trx, articleId, number);
  if (!row)
    throw new AppError('REVISION_NOT_FOUND', 404, `This article has no revision ${number}.`, { number });
  const old = JSON.parse(row.snapshot) as ArticleSnapshot;
  // Re-check the old content against today's sections and authors: one may have been deleted since.
  const restored = await resolveSnapshot(trx, clock, snapshotOf(workingCopy(current)), {
    headline: old.headline,
    dek: old.dek,
    dateline: old.dateline,
    slug: old.slug,
    body: old.body as unknown as Record<string, unknown>,
    section: old.sectionId,
    tags: old.tags,
    authorIds: old.authorIds,
    bylineSuffix: old.bylineSuffix,
    access: old.access,
    seoHeadline: old.seoHeadline,
    seoDescription: old.seoDescription,
    // Revisions from before photos existed have no lead image field.
    leadImage: old.leadImage ?? null,
    // The embargo is not brought back: lifting or setting one is always a deliberate edit of its own.
  });
  return saveVersion(trx, clock, actor, current, restored, `restore:${number}`);
}

/** A stored snapshot; revisions from before embargoes (migration 0025) had none. */
function readSnapshot(json: string): ArticleSnapshot {
  return { embargoUntil: null, ...(JSON.parse(json) as Omit<ArticleSnapshot, 'embargoUntil'>) };
}

/** The lead image diffs as one readable line; everything else as it is. */
function forDiff(s: ArticleSnapshot) {
  const image = s.leadImage;
  return {
    ...s,
    leadImage: image
      ? `photo ${image.mediaId}; caption: ${image.caption || '(the photo’s own)'}; credit: ${image.credit || '(the photo’s own)'}; alt: ${image.alt || '(the photo’s own)'}`
      : null,
  };
}

function emptySnapshotLike(s: ArticleSnapshot): ArticleSnapshot {
  return {
    ...s,
    headline: '',
    dek: '',
    dateline: '',
    slug: '',
    body: { type: 'doc', content: [] } as unknown as ArticleSnapshot['body'],
    sectionId: null,
    tags: [],
    authorIds: [],
    bylineSuffix: '',
    seoHeadline: '',
    seoDescription: '',
    leadImage: null,
    embargoUntil: null,
  };
}
