import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type Actor, roleAtLeast } from '../staff/index.js';
import type { MediaUse } from './media-usage.js';

export type RightsCheck = { ok: true } | { ok: false; message: string };

/**
 * What the articles capability answers about the articles a photo runs in, with its own rules (ADR
 * 0014). Supplied from app.ts, so the article rules are written once and media does not import
 * articles (articles already import media).
 */
export interface PhotoArticleRights {
  /** Whether the actor may change every one of these articles as it stands now. */
  checkEditAll(db: Db, actor: Actor, uses: readonly MediaUse[]): Promise<RightsCheck>;
  /** The uses whose article the actor may read; the others are not named to them. */
  readable(db: Db, actor: Actor, uses: readonly MediaUse[]): Promise<MediaUse[]>;
}

/**
 * A photo's credits, caption and alt text show on every article it runs in, live at once, so rights on
 * the photo follow rights on those articles: changing or deleting it needs the right to edit every
 * one of them. A photo no article uses is its uploader's, or any editor's and above.
 */
export async function assertMayChangePhoto(
  db: Db,
  actor: Actor,
  photo: { uploadedBy: string | null },
  uses: readonly MediaUse[],
  rights: PhotoArticleRights,
  action: string,
): Promise<void> {
  if (uses.length === 0) {
    const own = actor.staffId !== null && actor.staffId === photo.uploadedBy;
    if (own || roleAtLeast(actor.role, 'editor')) return;
    throw new AppError(
      'FORBIDDEN',
      403,
      `Your role (${actor.role}) cannot ${action} a photo someone else uploaded; that needs editor or above.`,
      { role: actor.role, needed: 'editor' },
    );
  }
  const check = await rights.checkEditAll(db, actor, uses);
  if (!check.ok) {
    throw new AppError(
      'FORBIDDEN',
      403,
      `You cannot ${action} this photo: it runs in articles you cannot change (${check.message})`,
      { role: actor.role },
    );
  }
}
