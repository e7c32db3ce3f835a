import { type Clock, isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { type Actor, assertRole } from '../staff/index.js';
import type { Tag } from './tag.js';
import { tagInvalid, tagNotFound, tagUnknown } from './tag-errors.js';
import { queueTagPurge } from './tag-purge.js';
import {
  deleteTagRow,
  findRedirectTarget,
  findTagRowById,
  moveArticleTags,
  repointRedirects,
  saveRedirect,
} from './tag-repository.js';
import { toTag } from './tag-service.js';

/**
 * Merges one tag into another (editor and above): every article carrying `id` carries `into` instead,
 * `id` is deleted, and its address (and any old address that led to it) answers 301 to `into`'s page.
 * Call it inside one transaction, so readers never see the articles half-moved.
 *
 * The articles' tag rows are moved here, in the tag capability, rather than through the articles
 * capability, which depends on tags and not the reverse (ADR 0027).
 */
export async function mergeTags(db: Db, clock: Clock, actor: Actor, id: string, into: string): Promise<Tag> {
  assertRole(actor, 'editor', 'merge tags');
  const from = await findTagRowById(db, id);
  if (!from) throw tagNotFound(id);
  const target = await findTagRowById(db, into);
  if (!target) throw tagUnknown('into', into);
  if (target.id === from.id) throw tagInvalid('into', `"${from.name}" cannot be merged into itself.`);
  // The purge first: it finds the pages by the articles that still carry the merged tag.
  await queueTagPurge(db, clock, [from.id, target.id]);
  await moveArticleTags(db, from.id, target.id);
  await repointRedirects(db, from.id, target.id);
  await deleteTagRow(db, from.id);
  await saveRedirect(db, from.slug, target.id, isoTime(clock.now()));
  return toTag(target);
}

/** The tag an old address now leads to (a merged or re-slugged tag's), or nothing. */
export async function findTagRedirect(db: Db, oldSlug: string): Promise<Tag | undefined> {
  const row = await findRedirectTarget(db, oldSlug);
  return row && toTag(row);
}
