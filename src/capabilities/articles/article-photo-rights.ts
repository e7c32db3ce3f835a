import type { Db } from '../../platform/database/database.js';
import type { MediaUse, PhotoArticleRights } from '../media/index.js';
import type { Actor } from '../staff/index.js';
import { checkEdit, checkRead, type RightsSubject } from './article.js';
import { findArticleRow, findBylines } from './article-repository.js';

/**
 * The article rules applied to the articles a photo runs in (ADR 0014): the photo desk asks these
 * through `PhotoArticleRights`, handed to it in app.ts, so the rules stay written once, here.
 */
export const articlePhotoRights: PhotoArticleRights = {
  async checkEditAll(db, actor, uses) {
    for (const [use, subject] of await subjectsOf(db, uses)) {
      const check = checkEdit(actor, subject);
      if (!check.ok) return { ok: false, message: describe(actor, use, subject, check.message) };
    }
    return { ok: true };
  },
  async readable(db, actor, uses) {
    const subjects = await subjectsOf(db, uses);
    return subjects.filter(([, subject]) => checkRead(actor, subject).ok).map(([use]) => use);
  },
};

/** Names the article only to someone who may read it: a refusal must not leak another desk's headline. */
function describe(actor: Actor, use: MediaUse, subject: RightsSubject, reason: string): string {
  return checkRead(actor, subject).ok ? `"${use.headline}": ${reason}` : reason;
}

async function subjectsOf(db: Db, uses: readonly MediaUse[]): Promise<[MediaUse, RightsSubject][]> {
  const bylines = await findBylines(
    db,
    uses.map((u) => u.articleId),
  );
  const found: [MediaUse, RightsSubject][] = [];
  for (const use of uses) {
    const row = await findArticleRow(db, use.articleId);
    if (!row) continue;
    found.push([
      use,
      {
        status: row.status as RightsSubject['status'],
        createdBy: row.created_by,
        authorStaffIds: (bylines.get(use.articleId) ?? []).flatMap((a) => (a.staff_id ? [a.staff_id] : [])),
      },
    ]);
  }
  return found;
}
