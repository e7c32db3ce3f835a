import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import type { Actor } from '../staff/index.js';
import { queueWebhookEvent } from '../webhooks/index.js';
import { checkEdit, checkRight } from './article.js';
import { assertEmbargoFits } from './article-embargo.js';
import { forbidden, nothingStaged, revisionConflict } from './article-errors.js';
import { presentArticle } from './article-presenter.js';
import { type Article, getArticle, workingCopy } from './article-queries.js';
import { updateArticleAt } from './article-repository.js';
import type { ArticleFieldsInput } from './article-schemas.js';
import {
  assertSlugFree,
  recordRevision,
  resolveSnapshot,
  rightsSubject,
  snapshotOf,
  tagIdsFor,
  writeSnapshot,
} from './article-service.js';
import { type ArticleSnapshot, changedFields } from './article-snapshot.js';
import { readersDocument } from './document/index.js';

/**
 * Saving edits (ADR 0017). Before an article is live a save changes the article itself. Once it is
 * live a save never changes what readers see: it is written as a revision like any other and becomes
 * the article's staged version, which the newsroom edits and Update puts live.
 */

/**
 * Saves changes based on a known revision; a stale revision is a 409 with the current working copy.
 * A published article's changes are staged (the right to edit is enough). `live` (the importer, an
 * archive that is the source of its own text) writes a published article's changes live at once: that
 * needs the right to publish, and sets aside anything staged (it stays in the history).
 */
export async function updateArticle(
  trx: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  revision: number,
  input: Partial<ArticleFieldsInput>,
  options: { live?: boolean; note?: string | undefined } = {},
): Promise<{ article: Article; changed: string[] }> {
  const current = await getArticle(trx, id);
  const stage = current.status === 'published' && !options.live;
  // Rights first: a 409 carries the current version, which only someone who may edit it should see.
  assertMayEdit(actor, current, stage);
  if (current.revision !== revision)
    throw revisionConflict(revision, presentArticle(current), current.revision);
  const before = snapshotOf(stage ? workingCopy(current) : current);
  const after = await resolveSnapshot(trx, clock, before, input);
  await assertEmbargoFits(trx, current, after.embargoUntil);
  const changed = changedFields(before, after);
  if (changed.length === 0) return { article: current, changed: [] };
  const note = options.note ?? null;
  if (stage)
    return { article: await stageSnapshot(trx, clock, actor, current, after, 'save', note), changed };
  const live = current.status === 'published';
  const article = await writeSnapshot(
    trx,
    clock,
    actor,
    current,
    after,
    'save',
    live ? { modified_at: isoTime(clock.now()) } : {},
    note,
  );
  if (live) {
    await queueWebhookEvent(trx, clock, 'article.updated', {
      article: { id, slug: article.slug, revision: article.revision, changed },
    });
  }
  return { article, changed };
}

/** Refuses (403) a member who may not save this article; a live article's edits are staged (`stage`). */
export function assertMayEdit(actor: Actor, current: Article, stage = current.status === 'published'): void {
  const subject = rightsSubject(current);
  const editable = stage ? checkRight(actor, subject, 'edit') : checkEdit(actor, subject);
  if (!editable.ok) throw forbidden(editable.message);
}

/** Saves a new version made elsewhere (a restored revision): staged when the article is live. */
export function saveVersion(
  trx: Db,
  clock: Clock,
  actor: Actor,
  current: Article,
  after: ArticleSnapshot,
  action: `restore:${number}`,
): Promise<Article> {
  if (current.status === 'published') return stageSnapshot(trx, clock, actor, current, after, action);
  return writeSnapshot(trx, clock, actor, current, after, action, {});
}

/**
 * Records `after` as a live article's staged version: a revision, and the article's revision counter
 * moved on (so stale saves still conflict), and nothing readers see touched: not the row's fields, the
 * byline or tag rows, the search entry, the page cache, nor any webhook. A staged version equal to the
 * live text is no staged version at all.
 */
export async function stageSnapshot(
  trx: Db,
  clock: Clock,
  actor: Actor,
  current: Article,
  after: ArticleSnapshot,
  action: 'save' | `restore:${number}`,
  note: string | null = null,
): Promise<Article> {
  const before = snapshotOf(workingCopy(current));
  // The slug is claimed when it goes live; a taken one is refused now rather than at Update.
  if (after.slug !== current.slug) await assertSlugFree(trx, after.slug, current.id);
  // New tags are made now, as a draft's save makes them, so the working copy names real tags.
  await tagIdsFor(trx, clock, after.tags);
  const asLive = changedFields(snapshotOf(current), after).length === 0;
  const next = current.revision + 1;
  const written = await updateArticleAt(trx, current.id, current.revision, {
    revision: next,
    saved_at: isoTime(clock.now()),
    staged_revision: asLive ? null : next,
    live_revision: asLive ? null : (current.liveRevision ?? current.revision),
  });
  if (!written) {
    const fresh = await getArticle(trx, current.id);
    throw revisionConflict(current.revision, presentArticle(fresh), fresh.revision);
  }
  await recordRevision(trx, clock, {
    actor,
    articleId: current.id,
    number: next,
    action,
    status: current.status,
    before,
    after,
    note,
  });
  return getArticle(trx, current.id);
}

/** The staged version of a live article, as the pre-publish checks read it; 409 when there is none. */
export function stagedWorkingCopy(current: Article): Article {
  if (!current.stagedVersion) throw nothingStaged();
  return workingCopy(current);
}

/**
 * Update: puts a live article's staged version live as one revision. Its section, byline and photos
 * are checked again (one may have been deleted since it was saved); the page, lists, feeds and search
 * change on the next request, and integrators get `article.updated` with the fields that changed.
 */
export async function putStagedLive(
  trx: Db,
  clock: Clock,
  actor: Actor,
  current: Article,
  note: string | null,
): Promise<Article> {
  const staged = current.stagedVersion?.snapshot;
  if (!staged) throw nothingStaged();
  const after = await resolveSnapshot(trx, clock, staged, {
    authorIds: staged.authorIds,
    leadImage: staged.leadImage,
  });
  const wasLive = snapshotOf(current);
  // Open suggestions stay in the newsroom (ADR 0036): readers get the staged text without them.
  const live = await forReaders(after);
  const article = await writeSnapshot(
    trx,
    clock,
    actor,
    current,
    live,
    'update',
    { modified_at: isoTime(clock.now()) },
    note,
  );
  await queueWebhookEvent(trx, clock, 'article.updated', {
    article: {
      id: article.id,
      slug: article.slug,
      revision: article.revision,
      changed: changedFields(wasLive, live),
    },
  });
  return keepOpenSuggestions(trx, clock, actor, article, after, live);
}

/** The version readers may have: every open suggestion rejected. The same object when there are none. */
export async function forReaders(working: ArticleSnapshot): Promise<ArticleSnapshot> {
  const body = await readersDocument(working.body);
  return body === working.body ? working : { ...working, body };
}

/**
 * After text went live without its open suggestions, the working copy that still has them becomes the
 * article's staged version, so the newsroom keeps them open and Update can put them live once accepted.
 */
export async function keepOpenSuggestions(
  trx: Db,
  clock: Clock,
  actor: Actor,
  article: Article,
  working: ArticleSnapshot,
  live: ArticleSnapshot,
): Promise<Article> {
  if (live === working) return article;
  return stageSnapshot(
    trx,
    clock,
    actor,
    article,
    working,
    'save',
    'Open suggestions kept in the newsroom: readers have the text without them.',
  );
}
