/**
 * Articles: states, the editorial workflow and who may do what. Pure domain: no database, no HTTP.
 * Refusals are values with a reason; the service turns them into errors.
 */
import { roleAtLeast, type StaffRole } from '../staff/index.js';

export const ARTICLE_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** metered: counts toward the wall; free: never walled; registration: always walled for anonymous readers. */
export const ARTICLE_ACCESS = ['metered', 'free', 'registration'] as const;
export type ArticleAccess = (typeof ARTICLE_ACCESS)[number];

export const CORRECTION_KINDS = ['correction', 'clarification'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export type WorkflowAction =
  | 'submit'
  | 'return'
  | 'schedule'
  | 'unschedule'
  | 'publish'
  | 'unpublish'
  | 'update';

/** What made a revision: the draft's creation, a save, a workflow step, or restoring revision N. */
export type RevisionAction = 'create' | 'save' | WorkflowAction | `restore:${number}`;

const TRANSITIONS: Record<WorkflowAction, { from: readonly ArticleStatus[]; to: ArticleStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  return: { from: ['in_review'], to: 'draft' },
  schedule: { from: ['draft', 'in_review', 'scheduled', 'unpublished'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
  publish: { from: ['draft', 'in_review', 'scheduled', 'unpublished'], to: 'published' },
  unpublish: { from: ['published'], to: 'unpublished' },
  // Puts the staged edits of a live article live (ADR 0017).
  update: { from: ['published'], to: 'published' },
};

export type Check = { ok: true } | { ok: false; message: string };
const OK: Check = { ok: true };

/** The status an action leads to, or why it cannot be taken from this status. */
export function checkTransition(
  status: ArticleStatus,
  action: WorkflowAction,
): { ok: true; to: ArticleStatus } | { ok: false; message: string } {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      message: `An article that is ${label(status)} cannot be ${pastTense(action)}; allowed from: ${rule.from.map(label).join(', ')}.`,
    };
  }
  return { ok: true, to: rule.to };
}

/** What the actor wants to do with an article, for the rights check. */
export type ArticleRight = 'edit' | WorkflowAction | 'correct' | 'restore';

export interface RightsSubject {
  status: ArticleStatus;
  createdBy: string | null;
  /** Staff ids of the article's authors: a reporter may work on articles they are credited on. */
  authorStaffIds: readonly string[];
}

export interface Acting {
  staffId: string | null;
  role: StaffRole;
}

/**
 * The roles of the brief: contributors write their own drafts and submit them; reporters also
 * publish, schedule, unpublish and correct their own articles; editors and above do everything.
 */
export function checkRight(actor: Acting, article: RightsSubject, right: ArticleRight): Check {
  if (roleAtLeast(actor.role, 'editor')) return OK;
  if (!isOwn(actor, article)) {
    return { ok: false, message: `Your role (${actor.role}) can only work on your own articles.` };
  }
  if (actor.role === 'reporter') return OK;
  // contributor
  const contributorMay: ArticleRight[] = ['edit', 'submit', 'restore'];
  if (!contributorMay.includes(right)) {
    return {
      ok: false,
      message: `Your role (contributor) cannot ${right} articles; an editor or reporter can.`,
    };
  }
  if (article.status !== 'draft') {
    return { ok: false, message: 'A contributor can only change an article while it is a draft.' };
  }
  return OK;
}

/**
 * Changing what an article shows as it stands: a published article's change goes live at once, so it
 * needs the right to publish; any other needs the right to edit. The one rule for "may change this
 * article live", used for the photos it runs (a photo's rights follow its articles') and the importer.
 * Saving a published article in the newsroom only stages the edit (the right to edit), and Update,
 * which puts it live, is a workflow step with the right to publish's rule (ADR 0017).
 */
export function checkEdit(actor: Acting, article: RightsSubject): Check {
  return checkRight(actor, article, article.status === 'published' ? 'publish' : 'edit');
}

/**
 * Who may read an article in the newsroom (ADR 0014): editors and above read everything; contributors
 * and reporters read what is published and their own articles (creator or in the byline), in any
 * state. An embargoed or scheduled story of another desk stays with the people working on it.
 */
export function checkRead(actor: Acting, article: RightsSubject): Check {
  if (roleAtLeast(actor.role, 'editor') || article.status === 'published' || isOwn(actor, article)) return OK;
  return { ok: false, message: `Your role (${actor.role}) can read only published articles and your own.` };
}

/** What a list query keeps for this reader: everything, or published plus the actor's own (ADR 0014). */
export type ReadScope = { all: true } | { all: false; staffId: string | null };

export function readScope(actor: Acting): ReadScope {
  return roleAtLeast(actor.role, 'editor') ? { all: true } : { all: false, staffId: actor.staffId };
}

/** The actor made the article or is credited on it (an API token is no one: staffId null). */
function isOwn(actor: Acting, article: RightsSubject): boolean {
  return (
    actor.staffId !== null &&
    (article.createdBy === actor.staffId || article.authorStaffIds.includes(actor.staffId))
  );
}

export interface PublishReadiness {
  headline: string;
  sectionId: string | null;
  authorIds: readonly string[];
  wordCount: number;
}

/** What a publishable article must have; the first gap found is named with its field. */
export function checkPublishable(
  article: PublishReadiness,
): { ok: true } | { ok: false; field: string; message: string } {
  if (article.headline.trim() === '')
    return { ok: false, field: 'headline', message: 'An article needs a headline.' };
  if (!article.sectionId)
    return { ok: false, field: 'section', message: 'Choose a section before publishing.' };
  if (article.authorIds.length === 0) {
    return { ok: false, field: 'authorIds', message: 'Credit at least one author before publishing.' };
  }
  if (article.wordCount === 0) return { ok: false, field: 'body', message: 'The body is empty.' };
  return { ok: true };
}

function label(status: ArticleStatus): string {
  return status === 'in_review' ? 'in review' : status;
}

function pastTense(action: WorkflowAction): string {
  const words: Record<WorkflowAction, string> = {
    submit: 'submitted for review',
    return: 'returned to draft',
    schedule: 'scheduled',
    unschedule: 'unscheduled',
    publish: 'published',
    unpublish: 'unpublished',
    update: 'updated',
  };
  return words[action];
}
