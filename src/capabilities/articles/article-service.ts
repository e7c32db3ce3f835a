import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { isUniqueViolation } from '../../platform/database/database.js';
import { newId } from '../../platform/ids.js';
import { checkSlug, numberedSlug, slugify } from '../../platform/slug.js';
import { ensureStaffAuthor, findAuthorsByIds } from '../authors/index.js';
import { findMediaById } from '../media/index.js';
import { findSectionById, getSection } from '../sections/index.js';
import type { Actor } from '../staff/index.js';
import { findOrCreateTags } from '../tags/index.js';
import { type ArticleStatus, checkRight, type RevisionAction, type RightsSubject } from './article.js';
import { queueArticlePurge } from './article-cache.js';
import { normaliseEmbargo } from './article-embargo.js';
import { articleInvalid, forbidden, revisionConflict, slugTaken } from './article-errors.js';
import { presentArticle } from './article-presenter.js';
import { type Article, getArticle } from './article-queries.js';
import {
  findArticleIdBySlug,
  findRetiredSlug,
  insertArticle,
  insertRevision,
  replaceBylines,
  replaceTags,
  retireSlug,
  reviveSlug,
  syncTagPublication,
  updateArticleAt,
} from './article-repository.js';
import type { ArticleFieldsInput } from './article-schemas.js';
import { type ArticleSnapshot, changedFields } from './article-snapshot.js';
import {
  checkDocument,
  checkMarkdown,
  countWords,
  documentToPlainText,
  emptyDocument,
  hasSuggestions,
  publicBodyText,
  readingMinutes,
} from './document/index.js';
/** Creates a draft. Any staff member may; the byline defaults to the creator. */
export async function createArticle(
  trx: Db,
  clock: Clock,
  actor: Actor,
  input: Partial<ArticleFieldsInput> & { headline: string },
): Promise<Article> {
  const now = clock.now();
  const id = newId(now.getTime());
  const authorIds =
    input.authorIds ??
    (actor.staffId
      ? [(await ensureStaffAuthor(trx, clock, { id: actor.staffId, name: actor.name })).id]
      : []);
  const resolved = await resolveSnapshot(trx, clock, null, { ...input, authorIds });
  // A slug made from the headline is the draft's to change until it goes live, so a second story with
  // the same headline ("Letters to the editor") gets the next free spelling instead of a refusal; a slug
  // given by hand is the caller's choice and is refused when taken.
  // freeSlug's answer is free already; a new article has no retired slug of its own to take back.
  const snapshot =
    input.slug === undefined ? { ...resolved, slug: await freeSlug(trx, resolved.slug) } : resolved;
  if (input.slug !== undefined) await assertSlugFree(trx, snapshot.slug, id);
  const at = isoTime(now);
  const derived = derive(snapshot);
  try {
    await insertArticle(trx, {
      id,
      slug: snapshot.slug,
      status: 'draft',
      ...rowFields(snapshot),
      ...derived,
      revision: 1,
      created_by: actor.staffId,
      created_at: at,
      saved_at: at,
      first_published_at: null,
      published_at: null,
      modified_at: null,
      scheduled_at: null,
      unpublished_at: null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(snapshot.slug);
    throw error;
  }
  await replaceBylines(trx, id, snapshot.authorIds);
  await replaceTags(trx, id, await tagIdsFor(trx, clock, snapshot.tags), null);
  await recordRevision(trx, clock, {
    actor,
    articleId: id,
    number: 1,
    action: 'create',
    status: 'draft',
    before: null,
    after: snapshot,
    note: null,
  });
  return getArticle(trx, id);
}

/**
 * Writes a new version of an article into its own columns: fields, byline, tags, slug history, and a
 * revision row. Used by every change of the article itself (a save before it is live, a workflow step,
 * Update) so each one is a revision. What it writes is then the working copy, so nothing is staged after
 * it; a live article's saves go to its staged version instead (`article-saving.ts`, ADR 0017).
 */
export async function writeSnapshot(
  trx: Db,
  clock: Clock,
  actor: Actor,
  current: Article,
  after: ArticleSnapshot,
  action: RevisionAction,
  statusChanges: Partial<{
    status: ArticleStatus;
    first_published_at: string | null;
    published_at: string | null;
    modified_at: string | null;
    scheduled_at: string | null;
    unpublished_at: string | null;
  }>,
  note: string | null = null,
): Promise<Article> {
  const before = snapshotOf(current);
  const now = isoTime(clock.now());
  const status = statusChanges.status ?? current.status;
  // The row of a live article is what readers get: open suggestions never reach it (ADR 0036). Every way
  // live goes through forReaders first; this stops a new way that forgets.
  if (status === 'published' && hasSuggestions(after.body)) {
    throw new Error(`Article ${current.id}: a live version must not hold open suggestions`);
  }
  if (after.slug !== before.slug) {
    await claimSlug(trx, after.slug, current.id);
    // Once readers have seen an address it keeps working: the old slug redirects to the new one.
    if (current.firstPublishedAt) await retireSlug(trx, before.slug, current.id, now);
  }
  const nextRevision = current.revision + 1;
  let written: boolean;
  try {
    written = await updateArticleAt(trx, current.id, current.revision, {
      slug: after.slug,
      ...rowFields(after),
      ...derive(after),
      revision: nextRevision,
      saved_at: now,
      staged_revision: null,
      live_revision: null,
      ...statusChanges,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(after.slug);
    throw error;
  }
  if (!written) {
    const fresh = await getArticle(trx, current.id);
    throw revisionConflict(current.revision, presentArticle(fresh), fresh.revision);
  }
  if (JSON.stringify(before.authorIds) !== JSON.stringify(after.authorIds)) {
    await replaceBylines(trx, current.id, after.authorIds);
  }
  // Tag rows carry the article's publication time while it is published (migration 0014).
  const publishedAt =
    statusChanges.published_at !== undefined ? statusChanges.published_at : current.publishedAt;
  const tagsLive = status === 'published' ? publishedAt : null;
  const tagsWere = current.status === 'published' ? current.publishedAt : null;
  if (JSON.stringify(before.tags) !== JSON.stringify(after.tags)) {
    await replaceTags(trx, current.id, await tagIdsFor(trx, clock, after.tags), tagsLive);
  } else if (tagsLive !== tagsWere) {
    await syncTagPublication(trx, current.id, tagsLive);
  }
  await recordRevision(trx, clock, {
    actor,
    articleId: current.id,
    number: nextRevision,
    action,
    status,
    before,
    after,
    note,
  });
  const saved = await getArticle(trx, current.id);
  await queueArticlePurge(trx, clock, current, saved);
  return saved;
}

/** One revision as a change records it; `before` is null for the first, so every field counts as changed. */
export interface RevisionRecord {
  readonly actor: Actor;
  readonly articleId: string;
  readonly number: number;
  readonly action: RevisionAction;
  /** The article's status once the change is made. */
  readonly status: ArticleStatus;
  readonly before: ArticleSnapshot | null;
  readonly after: ArticleSnapshot;
  readonly note: string | null;
}

export async function recordRevision(
  trx: Db,
  clock: Clock,
  { actor, articleId, number, action, status, before, after, note }: RevisionRecord,
): Promise<void> {
  await insertRevision(trx, {
    note,
    id: newId(clock.now().getTime()),
    article_id: articleId,
    number,
    action,
    snapshot: JSON.stringify(after),
    changed: JSON.stringify(changedFields(before, after)),
    status,
    staff_id: actor.staffId,
    actor_name: actor.name,
    created_at: isoTime(clock.now()),
  });
}

export function snapshotOf(article: Article): ArticleSnapshot {
  return {
    headline: article.headline,
    dek: article.dek,
    dateline: article.dateline,
    slug: article.slug,
    body: article.body,
    sectionId: article.section?.id ?? null,
    tags: article.tags.map((t) => t.name),
    authorIds: article.authors.map((a) => a.id),
    bylineSuffix: article.bylineSuffix,
    access: article.access,
    seoHeadline: article.seoHeadline,
    seoDescription: article.seoDescription,
    leadImage: article.leadImage,
    embargoUntil: article.embargoUntil,
  };
}

export function rightsSubject(article: Article): RightsSubject {
  return {
    status: article.status,
    createdBy: article.createdBy,
    authorStaffIds: article.authors.flatMap((a) => (a.staff_id ? [a.staff_id] : [])),
  };
}

export function assertRight(actor: Actor, article: Article, right: Parameters<typeof checkRight>[2]): void {
  const check = checkRight(actor, rightsSubject(article), right);
  if (!check.ok) throw forbidden(check.message);
}

/** Turns input into a complete, checked snapshot over `base` (null when creating). */
export async function resolveSnapshot(
  db: Db,
  _clock: Clock,
  base: ArticleSnapshot | null,
  input: Partial<ArticleFieldsInput>,
): Promise<ArticleSnapshot> {
  const headline = (input.headline ?? base?.headline ?? '').trim();
  if (headline === '') throw articleInvalid('headline', 'The headline cannot be empty.');
  if (input.body !== undefined && input.bodyMarkdown !== undefined) {
    throw articleInvalid(
      'body',
      'Send the body either as a document (body) or as Markdown (bodyMarkdown), not both.',
    );
  }
  let body = base?.body ?? emptyDocument();
  if (input.bodyMarkdown !== undefined) {
    const check = checkMarkdown(input.bodyMarkdown);
    if (!check.ok) throw articleInvalid('bodyMarkdown', `The Markdown is not valid: ${check.message}`);
    body = check.document;
  }
  if (input.body !== undefined) {
    const check = checkDocument(input.body);
    if (!check.ok)
      throw articleInvalid(
        `body.${check.path}`.replace(/\.$/, ''),
        `The body is not valid: ${check.message}`,
      );
    body = check.document;
  }
  let sectionId = base?.sectionId ?? null;
  if (input.section !== undefined) {
    sectionId =
      input.section === null || input.section.trim() === '' ? null : (await getSection(db, input.section)).id;
  } else if (sectionId && !(await findSectionById(db, sectionId))) sectionId = null;

  const authorIds = input.authorIds ?? base?.authorIds ?? [];
  if (new Set(authorIds).size !== authorIds.length)
    throw articleInvalid('authorIds', 'An author is listed twice.');
  if (input.authorIds) {
    const found = await findAuthorsByIds(db, authorIds);
    const missing = authorIds.filter((a) => !found.some((f) => f.id === a));
    if (missing.length)
      throw articleInvalid('authorIds', `There is no author with the id ${missing.join(', ')}.`);
  }

  const slug = input.slug !== undefined ? input.slug.trim() : (base?.slug ?? slugify(headline));
  const slugCheck = checkSlug(slug);
  if (!slugCheck.ok) throw articleInvalid('slug', slugCheck.message);

  let leadImage = base?.leadImage ?? null;
  if (input.leadImage !== undefined) {
    if (input.leadImage === null) leadImage = null;
    else {
      const { mediaId } = input.leadImage;
      if (!(await findMediaById(db, mediaId))) {
        throw articleInvalid(
          'leadImage.mediaId',
          `There is no photo with the id ${mediaId} in the media library.`,
        );
      }
      leadImage = {
        mediaId,
        caption: (input.leadImage.caption ?? '').trim(),
        credit: (input.leadImage.credit ?? '').trim(),
        alt: (input.leadImage.alt ?? '').trim(),
      };
    }
  }

  const tags = input.tags ? dedupe(input.tags.map((t) => t.trim()).filter(Boolean)) : (base?.tags ?? []);
  return {
    headline,
    dek: (input.dek ?? base?.dek ?? '').trim(),
    dateline: (input.dateline ?? base?.dateline ?? '').trim(),
    slug,
    body,
    sectionId,
    tags,
    authorIds,
    bylineSuffix: (input.bylineSuffix ?? base?.bylineSuffix ?? '').trim(),
    access: input.access ?? base?.access ?? 'metered',
    seoHeadline: (input.seoHeadline ?? base?.seoHeadline ?? '').trim(),
    seoDescription: (input.seoDescription ?? base?.seoDescription ?? '').trim(),
    leadImage,
    embargoUntil:
      input.embargoUntil !== undefined ? normaliseEmbargo(input.embargoUntil) : (base?.embargoUntil ?? null),
  };
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The slug, or its first numbered spelling ("-2", "-3", ...) no article has or had. */
async function freeSlug(db: Db, slug: string): Promise<string> {
  for (let n = 1; n <= MAX_SLUG_NUMBER; n++) {
    const candidate = n === 1 ? slug : numberedSlug(slug, n);
    const owner = await findArticleIdBySlug(db, candidate);
    if (!owner && !(await findRetiredSlug(db, candidate))) return candidate;
  }
  // A hundred stories of one headline: the caller is asked for a slug by hand.
  throw slugTaken(slug);
}
const MAX_SLUG_NUMBER = 100;

/** A slug belongs to one article, current or retired; another article's retired slug stays taken. */
async function claimSlug(db: Db, slug: string, articleId: string): Promise<void> {
  if (await assertSlugFree(db, slug, articleId)) await reviveSlug(db, slug);
}

/** Refuses a slug another article has or had; true when it is one of this article's retired slugs. */
export async function assertSlugFree(db: Db, slug: string, articleId: string): Promise<boolean> {
  const owner = await findArticleIdBySlug(db, slug);
  if (owner && owner !== articleId) throw slugTaken(slug);
  const retired = await findRetiredSlug(db, slug);
  if (retired && retired.article_id !== articleId) throw slugTaken(slug);
  return retired !== undefined;
}

export async function tagIdsFor(db: Db, clock: Clock, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  return (await findOrCreateTags(db, clock, names)).map((t) => t.id);
}

function rowFields(s: ArticleSnapshot) {
  return {
    headline: s.headline,
    dek: s.dek,
    dateline: s.dateline,
    body: JSON.stringify(s.body),
    access: s.access,
    section_id: s.sectionId,
    seo_headline: s.seoHeadline,
    seo_description: s.seoDescription,
    byline_suffix: s.bylineSuffix,
    lead_image: s.leadImage ? JSON.stringify(s.leadImage) : null,
    embargo_until: s.embargoUntil,
  };
}

function derive({ body, access }: ArticleSnapshot) {
  const words = countWords(body);
  return {
    body_text: documentToPlainText(body),
    public_text: publicBodyText(body, access),
    word_count: words,
    reading_minutes: readingMinutes(words),
  };
}
