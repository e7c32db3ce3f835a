import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { cancelJobs, enqueueJob, type JobHandler } from '../../platform/jobs/index.js';
import { recordAuditEvent } from '../audit/index.js';
import type { Actor } from '../staff/index.js';
import { roleAtLeast } from '../staff/index.js';
import { queueWebhookEvent } from '../webhooks/index.js';
import { checkPublishable, checkTransition, type WorkflowAction } from './article.js';
import { assertEmbargoLifted, embargoHolds } from './article-embargo.js';
import {
  articleInvalid,
  forbidden,
  notPublishable,
  revisionConflict,
  suggestionsOpen,
  workflowRefused,
} from './article-errors.js';
import { checkPhotoCredits, describePhotoProblems } from './article-photo-check.js';
import { presentArticle } from './article-presenter.js';
import { type Article, findArticle, getArticle, workingCopy } from './article-queries.js';
import { forReaders, keepOpenSuggestions, putStagedLive, stagedWorkingCopy } from './article-saving.js';
import { assertRight, snapshotOf, writeSnapshot } from './article-service.js';
import { listSuggestions } from './document/index.js';

export const PUBLISH_JOB = 'article.publish-scheduled';

/** The scheduler acts with full editorial rights, on behalf of whoever scheduled the article. */
const SCHEDULER: Actor = { staffId: null, tokenId: null, name: 'Scheduler', role: 'owner' };

/**
 * Moves an article through the workflow: submit, return, schedule, unschedule, publish, unpublish, and
 * update (a live article's staged edits go live). Each step is a revision and is refused (409) from a
 * state it does not start from.
 */
export async function runWorkflow(
  trx: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  action: WorkflowAction,
  options: { revision: number; at?: string; overrideReason?: string; openSuggestions?: 'leave-out' },
): Promise<Article> {
  const current = await getArticle(trx, id);
  // Rights first: a 409 carries the current version, which only someone who may act on it should see.
  assertRight(actor, current, action);
  if (current.revision !== options.revision) {
    throw revisionConflict(options.revision, presentArticle(current), current.revision);
  }
  const transition = checkTransition(current.status, action);
  if (!transition.ok) throw workflowRefused(transition.message);
  const now = clock.now();
  const at = isoTime(now);
  const snapshot = snapshotOf(current);

  switch (action) {
    case 'publish':
      // Before the photo check: its override is no way past an embargo.
      await assertEmbargoLifted(trx, current, now, 'publish');
      assertPublishable(current);
      assertSuggestionsSettled(current, options.openSuggestions);
      return publish(
        trx,
        clock,
        actor,
        current,
        await photoNote(trx, actor, current, options.overrideReason),
      );
    case 'schedule': {
      if (!options.at) throw articleInvalid('at', 'Say when to publish: "at" is needed to schedule.');
      const when = new Date(options.at);
      if (Number.isNaN(when.getTime()) || when.getTime() <= now.getTime()) {
        throw articleInvalid('at', 'The scheduled time must be in the future.');
      }
      await assertEmbargoLifted(trx, current, when, 'schedule');
      assertPublishable(current);
      assertSuggestionsSettled(current, options.openSuggestions);
      const note = await photoNote(trx, actor, current, options.overrideReason);
      const scheduledAt = isoTime(when);
      if (current.scheduledAt) await cancelJobs(trx, publishJobKey(id, current.scheduledAt));
      // The job is keyed by article and time: a reschedule cancels the old one, a retry never doubles it.
      await enqueueJob(trx, clock, {
        kind: PUBLISH_JOB,
        payload: { articleId: id, scheduledAt },
        runAt: when,
        uniqueKey: publishJobKey(id, scheduledAt),
      });
      return writeSnapshot(
        trx,
        clock,
        actor,
        current,
        snapshot,
        'schedule',
        { status: 'scheduled', scheduled_at: scheduledAt },
        note,
      );
    }
    case 'unschedule':
      if (current.scheduledAt) await cancelJobs(trx, publishJobKey(id, current.scheduledAt));
      return writeSnapshot(trx, clock, actor, current, snapshot, 'unschedule', {
        status: 'draft',
        scheduled_at: null,
      });
    case 'unpublish': {
      // Nothing is live any more, so staged edits become the article's text (ADR 0017); integrators
      // are told about the version readers had, never about text that was not live.
      const article = await writeSnapshot(
        trx,
        clock,
        actor,
        current,
        snapshotOf(workingCopy(current)),
        'unpublish',
        { status: 'unpublished', unpublished_at: at },
      );
      await queueWebhookEvent(
        trx,
        clock,
        'article.unpublished',
        webhookData({ ...article, slug: current.slug, headline: current.headline }),
      );
      await recordAuditEvent(trx, clock, actor, {
        action: 'article.unpublished',
        subject: { kind: 'article', id: current.id },
        summary: current.headline,
        details: { slug: current.slug },
      });
      return article;
    }
    case 'update': {
      // The staged version passes the pre-publish checks before it replaces the live one.
      const staged = stagedWorkingCopy(current);
      assertPublishable(staged);
      assertSuggestionsSettled(staged, options.openSuggestions);
      const note = await photoNote(trx, actor, staged, options.overrideReason);
      return putStagedLive(trx, clock, actor, current, note);
    }
    case 'submit':
    case 'return':
      return writeSnapshot(trx, clock, actor, current, snapshot, action, { status: transition.to });
  }
}

/**
 * The pre-publish photo check: refuses (naming each image) unless an editor overrides with a reason,
 * which goes into the revision history. Returns that note, or null when every photo is credited.
 */
async function photoNote(
  trx: Db,
  actor: Actor,
  article: Article,
  overrideReason?: string,
): Promise<string | null> {
  const problems = await checkPhotoCredits(trx, article);
  if (problems.length === 0) return null;
  const summary = describePhotoProblems(problems);
  if (!overrideReason) {
    throw notPublishable(
      problems[0]!.field,
      `Not published: ${summary}. Add them, or an editor can publish anyway with a reason.`,
      { images: problems },
    );
  }
  if (!roleAtLeast(actor.role, 'editor')) {
    throw forbidden(`Only an editor can publish past the photo check; ${summary}.`);
  }
  return `Published past the photo check (${summary}): ${overrideReason.trim()}`;
}

async function publish(
  trx: Db,
  clock: Clock,
  actor: Actor,
  current: Article,
  note: string | null = null,
): Promise<Article> {
  assertPublishable(current);
  const at = isoTime(clock.now());
  if (current.scheduledAt) await cancelJobs(trx, publishJobKey(current.id, current.scheduledAt));
  const working = snapshotOf(current);
  const live = await forReaders(working);
  const article = await writeSnapshot(
    trx,
    clock,
    actor,
    current,
    live,
    'publish',
    {
      status: 'published',
      published_at: at,
      first_published_at: current.firstPublishedAt ?? at,
      scheduled_at: null,
      unpublished_at: null,
    },
    note,
  );
  await queueWebhookEvent(trx, clock, 'article.published', webhookData(article));
  // The trail keeps the headline: it still says what was published after the article is deleted.
  await recordAuditEvent(trx, clock, actor, {
    action: 'article.published',
    subject: { kind: 'article', id: current.id },
    summary: article.headline,
    details: { slug: article.slug, revision: article.revision },
  });
  return keepOpenSuggestions(trx, clock, actor, article, working, live);
}

/**
 * Publish, schedule and update ask first when the text has open suggestions (ADR 0036): the editor may have
 * meant to settle them. `leave-out` goes ahead; readers then get the text as if each were rejected.
 */
function assertSuggestionsSettled(article: Article, openSuggestions?: 'leave-out'): void {
  const open = new Set(listSuggestions(article.body).map((s) => s.id)).size;
  if (open > 0 && openSuggestions !== 'leave-out') throw suggestionsOpen(open);
}

function assertPublishable(article: Article): void {
  const check = checkPublishable({
    headline: article.headline,
    sectionId: article.section?.id ?? null,
    authorIds: article.authors.map((a) => a.id),
    wordCount: article.wordCount,
  });
  if (!check.ok) throw notPublishable(check.field, check.message);
}

function publishJobKey(articleId: string, scheduledAt: string): string {
  return `publish:${articleId}:${scheduledAt}`;
}

/**
 * The durable job behind scheduled publishing. It publishes only if the article is still scheduled
 * for the time the job was made for, so a rescheduled, unscheduled or already published article is
 * left alone: running the job twice publishes once.
 */
export const publishScheduledArticle: JobHandler = async (
  payload: { articleId: string; scheduledAt: string },
  ctx,
) => {
  await ctx.db.transaction().execute(async (trx) => {
    const article = await findArticle(trx, payload.articleId);
    if (article?.status !== 'scheduled' || article.scheduledAt !== payload.scheduledAt) return;
    if (embargoHolds(article, ctx.clock.now()) && article.embargoUntil) {
      // Setting an embargo past the schedule is refused, so this is a clock that ran early: wait for it.
      await enqueueJob(trx, ctx.clock, {
        kind: PUBLISH_JOB,
        payload,
        runAt: new Date(article.embargoUntil),
        uniqueKey: `${publishJobKey(article.id, payload.scheduledAt)}:embargo:${article.embargoUntil}`,
      });
      return;
    }
    await publish(trx, ctx.clock, SCHEDULER, article);
  });
};

export function webhookData(article: Article): Record<string, unknown> {
  return {
    article: {
      id: article.id,
      slug: article.slug,
      headline: article.headline,
      status: article.status,
      revision: article.revision,
      publishedAt: article.publishedAt,
      modifiedAt: article.modifiedAt,
    },
  };
}
