import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { findAuthorsByIds } from '../authors/index.js';
import type { Actor } from '../staff/index.js';
import { findTagsNamed } from '../tags/index.js';
import { getReadableArticle } from './article-access.js';
import { type Article, workingCopy } from './article-queries.js';
import { findSectionRefs } from './article-repository.js';
import type { ArticleFieldsInput } from './article-schemas.js';
import { resolveSnapshot, snapshotOf } from './article-service.js';
import { readersDocument } from './document/index.js';

/** An article with the editor's unsaved fields over it; a tag not created yet has a null id. */
export interface ArticlePreview extends Omit<Article, 'tags'> {
  tags: { id: string | null; name: string; slug: string }[];
}

/**
 * The article as it would read with `input` saved, for the newsroom's preview: the read rule of
 * ADR 0014 (404, then 403), then the fields resolved and checked exactly as a save checks them (the
 * same 400s), but nothing is written: no revision, no new tag, no purge. Status, dates, corrections
 * and the address's slug stay the stored ones.
 */
export async function previewArticle(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: Partial<ArticleFieldsInput>,
): Promise<ArticlePreview> {
  // A live article's staged edits are what the newsroom is editing: the preview starts from them (ADR 0017).
  const current = workingCopy(await getReadableArticle(db, actor, id));
  const after = await resolveSnapshot(db, clock, snapshotOf(current), input);
  const [sections, authors, tags] = await Promise.all([
    findSectionRefs(db, after.sectionId ? [after.sectionId] : []),
    findAuthorsByIds(db, after.authorIds),
    findTagsNamed(db, after.tags),
  ]);
  return {
    ...current,
    headline: after.headline,
    dek: after.dek,
    dateline: after.dateline,
    slug: after.slug,
    // The page as it would go live: open suggestions are left out, as publishing leaves them (ADR 0036).
    body: await readersDocument(after.body),
    access: after.access,
    section: after.sectionId ? (sections.get(after.sectionId) ?? null) : null,
    authors: authors.map((a) => ({
      id: a.id,
      name: a.name,
      slug: a.slug,
      staff_id: a.staffId,
      affiliation: a.affiliation,
      bio: a.bio,
    })),
    tags,
    bylineSuffix: after.bylineSuffix,
    seoHeadline: after.seoHeadline,
    seoDescription: after.seoDescription,
    leadImage: after.leadImage,
  };
}
