import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { queueMail } from '../../platform/mail/index.js';
import { oneLine } from '../../platform/one-line.js';
import { type Article, checkLiveEditing } from '../articles/index.js';
import { getSetting } from '../settings/index.js';
import { findStaffMembers, type StaffMember, staffMail } from '../staff/index.js';
import { type MentionProblem, mentionRefused } from './comment-errors.js';

/**
 * The staff members a comment mentions, each checked: they exist, are active, and may read the article
 * (ADR 0014, with their role now), since the mail quotes the comment and links to the story. Throws
 * 400 MENTION_REFUSED naming every refused one; the same id twice counts once.
 */
export async function checkMentions(
  db: Db,
  article: Article,
  ids: readonly string[],
): Promise<StaffMember[]> {
  const unique = [...new Set(ids)];
  const members = new Map((await findStaffMembers(db, unique)).map((m) => [m.id, m]));
  const problems: MentionProblem[] = [];
  for (const id of unique) {
    const member = members.get(id);
    if (!member) {
      problems.push({ id, reason: 'unknown', message: `There is no staff member with the id "${id}".` });
    } else if (member.disabled) {
      problems.push({
        id,
        reason: 'inactive',
        message: `${member.name}'s account is disabled, so they cannot be mentioned.`,
      });
    } else if (
      !checkLiveEditing({ staffId: id, tokenId: null, name: member.name, role: member.role }, article).ok
    ) {
      problems.push({
        id,
        reason: 'cannot-read',
        message: `${member.name} cannot read this article, so they cannot be mentioned in its comments.`,
      });
    }
  }
  if (problems.length > 0) throw mentionRefused(problems);
  return unique.map((id) => members.get(id)!);
}

/**
 * One mail to each mentioned member but the author, queued in the comment's transaction (sent by the
 * durable mail job): who mentioned them, the headline, the comment, and a link to the thread in the
 * newsroom app's story screen.
 */
export async function mailMentions(
  trx: Db,
  ctx: { clock: Clock; publicUrl: URL },
  m: {
    article: Article;
    threadId: string;
    text: string;
    author: { staffId: string | null; name: string };
    mentioned: readonly StaffMember[];
  },
): Promise<void> {
  const to = m.mentioned.filter((member) => member.id !== m.author.staffId);
  if (to.length === 0) return;
  const publication = await getSetting(trx, 'publication.name');
  const link = new URL(
    `/newsroom/story/${encodeURIComponent(m.article.id)}?comment=${encodeURIComponent(m.threadId)}`,
    ctx.publicUrl,
  ).href;
  const headline = m.article.headline.trim() || 'an untitled article';
  for (const member of to) {
    await queueMail(
      trx,
      ctx.clock,
      staffMail(member.email, subject(`${m.author.name} mentioned you on “${headline}”`), 'comment.mention', [
        `${m.author.name} mentioned you in a comment on “${headline}” in the ${publication} newsroom:`,
        m.text,
        'Open the thread in the newsroom:',
        link,
      ]),
    );
  }
}

/** A subject is one line, and a long headline is cut rather than refused. */
function subject(text: string): string {
  const line = oneLine(text);
  return line.length > 150 ? `${line.slice(0, 149)}…` : line;
}
