import type { MediaUse, PhotoArticleRights } from '../media/index.js';
import type { Actor } from '../staff/index.js';
import { checkEdit, checkRead, type RightsSubject } from './article.js';
import { rightsSubjectsOf } from './article-access.js';

/**
 * The article rules applied to the articles a photo runs in (ADR 0014): the photo desk asks these
 * through `PhotoArticleRights`, handed to it in app.ts, so the rules stay written once, here.
 */
export const articlePhotoRights: PhotoArticleRights = {
  async checkEditAll(db, actor, uses) {
    const subjects = await rightsSubjectsOf(
      db,
      uses.map((u) => u.articleId),
    );
    for (const use of uses) {
      const subject = subjects.get(use.articleId);
      const check = subject ? checkEdit(actor, subject) : { ok: true as const };
      if (!check.ok) return { ok: false, message: describe(actor, use, subject!, check.message) };
    }
    return { ok: true };
  },
  async readable(db, actor, uses) {
    const subjects = await rightsSubjectsOf(
      db,
      uses.map((u) => u.articleId),
    );
    return uses.filter((use) => {
      const subject = subjects.get(use.articleId);
      return subject !== undefined && checkRead(actor, subject).ok;
    });
  },
};

/** Names the article only to someone who may read it: a refusal must not leak another desk's headline. */
function describe(actor: Actor, use: MediaUse, subject: RightsSubject, reason: string): string {
  return checkRead(actor, subject).ok ? `"${use.headline}": ${reason}` : reason;
}
