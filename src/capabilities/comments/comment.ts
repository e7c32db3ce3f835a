/**
 * Comments anchored to a passage (issue 17, ADR 0034): staff discuss the text of an article in threads
 * beside it, never in it. Pure domain: the shapes, the limits and who may do what, refusals as values.
 */

export const COMMENT_FIELDS = ['body', 'headline', 'dek'] as const;
export type CommentField = (typeof COMMENT_FIELDS)[number];

export const COMMENT_TEXT_MAX = 5000;
export const QUOTE_MAX = 1000;
/** The client sends up to 32 characters either side; a little slack for a surrogate pair cut in two. */
export const CONTEXT_MAX = 64;
/** An encoded relative position is a few dozen bytes; a root type's name can make it longer. */
export const POSITION_MAX = 512;
export const MENTIONS_MAX = 20;

/**
 * Where a thread's passage is. `start`/`end` (Yjs relative positions, base64) follow the text in the live
 * document as people type; the quote with its prefix and suffix finds the passage again when they no
 * longer resolve (the passage was deleted and retyped) or the client is not editing live.
 */
export interface Anchor {
  readonly field: CommentField;
  readonly start: string | null;
  readonly end: string | null;
  readonly quote: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** Who wrote or did something: a staff member (id) or an API token (id null), with the name as it was. */
export interface CommentPerson {
  readonly staffId: string | null;
  readonly tokenId: string | null;
  readonly name: string;
}

export interface Comment {
  readonly id: string;
  readonly threadId: string;
  readonly author: CommentPerson;
  readonly text: string;
  readonly mentions: readonly string[];
  readonly createdAt: string;
  readonly editedAt: string | null;
}

export interface CommentThread {
  readonly id: string;
  readonly articleId: string;
  readonly anchor: Anchor;
  readonly createdAt: string;
  readonly resolved: { readonly at: string; readonly by: { staffId: string | null; name: string } } | null;
  /** Oldest first; the first is the opening comment (its id is the thread's). */
  readonly comments: readonly Comment[];
}

export type Refusal = { ok: false; reason: 'author' | 'resolve' | 'replies'; message: string };
export type Check = { ok: true } | Refusal;
const OK: Check = { ok: true };

/** A comment's text: trimmed, 1 to COMMENT_TEXT_MAX characters. */
export function checkCommentText(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim();
  if (value === '') return { ok: false, message: 'A comment needs some text.' };
  if (value.length > COMMENT_TEXT_MAX) {
    return {
      ok: false,
      message: `A comment can be at most ${COMMENT_TEXT_MAX} characters; this one has ${value.length}.`,
    };
  }
  return { ok: true, value };
}

/** The same person: a staff member by id, a token by its id (a token's comment is the token's own). */
export function isSamePerson(
  a: CommentPerson,
  b: { staffId: string | null; tokenId: string | null },
): boolean {
  if (a.staffId !== null) return a.staffId === b.staffId;
  return a.tokenId !== null && a.tokenId === b.tokenId;
}

/** Only a comment's author may change or delete it: nobody puts words in a colleague's mouth. */
export function checkAuthor(
  actor: { staffId: string | null; tokenId: string | null },
  comment: Comment,
): Check {
  if (isSamePerson(comment.author, actor)) return OK;
  return {
    ok: false,
    reason: 'author',
    message: `Only ${comment.author.name}, who wrote this comment, can change or delete it.`,
  };
}

/** Resolving or reopening: whoever may edit the article (it is their text), or whoever opened the thread. */
export function checkResolve(
  actor: { staffId: string | null; tokenId: string | null },
  thread: CommentThread,
  mayEditArticle: boolean,
): Check {
  const opening = thread.comments[0];
  if (mayEditArticle || (opening && isSamePerson(opening.author, actor))) return OK;
  return {
    ok: false,
    reason: 'resolve',
    message: 'Only someone who may edit this article, or who started the thread, can resolve or reopen it.',
  };
}

/**
 * Deleting the opening comment deletes its thread, which would take other people's replies with it:
 * allowed only while every reply is the author's own.
 */
export function checkDeleteOpening(thread: CommentThread): Check {
  const [opening, ...replies] = thread.comments;
  const others = replies.filter((r) => opening && !isSamePerson(r.author, opening.author));
  if (others.length === 0) return OK;
  const names = [...new Set(others.map((r) => r.author.name))].join(', ');
  return {
    ok: false,
    reason: 'replies',
    message: `This comment opens a thread that ${names} replied to: it cannot be deleted without their replies. Edit it, or resolve the thread.`,
  };
}

/** The newly mentioned: in `next` and not in `before` (an edit mails only the people it adds). */
export function addedMentions(before: readonly string[], next: readonly string[]): string[] {
  return next.filter((id) => !before.includes(id));
}
