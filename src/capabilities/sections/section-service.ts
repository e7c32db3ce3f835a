import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { slugTaken } from '../../platform/http/errors.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { newId } from '../../platform/ids.js';
import { checkSlug, resolveSlug } from '../../platform/slug.js';
import { type Actor, assertRole } from '../staff/index.js';
import {
  checkSectionDescription,
  checkSectionName,
  checkSectionPosition,
  type FieldCheck,
  inTreeOrder,
  movedPath,
  type Section,
  type SectionInTree,
  sectionPath,
  wouldCycle,
} from './section.js';
import {
  sectionCycle,
  sectionInUse,
  sectionInvalid,
  sectionNotFound,
  sectionUnknown,
} from './section-errors.js';
import {
  countSubsections,
  deleteSectionRow,
  findSectionRowById,
  findSectionRowByPath,
  findSubtreeRows,
  insertSection,
  listSectionRows,
  maxSiblingPosition,
  type SectionRow,
  updateSectionRow,
} from './section-repository.js';

/** Every section, parents before their subsections, siblings in the editors' order. */
export async function listSections(db: Db): Promise<SectionInTree[]> {
  return inTreeOrder((await listSectionRows(db)).map(toSection));
}

export async function findSectionById(db: Db, id: string): Promise<Section | undefined> {
  const row = await findSectionRowById(db, id);
  return row && toSection(row);
}

/** By full path, "world/europe". */
export async function findSectionByPath(db: Db, path: string): Promise<Section | undefined> {
  const row = await findSectionRowByPath(db, path);
  return row && toSection(row);
}

/**
 * The section an article (or any caller) names, by id or by path; throws SECTION_UNKNOWN (400)
 * naming `field`, so the editor sees which input was wrong.
 */
export async function getSection(db: Db, ref: string, field = 'section'): Promise<Section> {
  const row = (await findSectionRowById(db, ref)) ?? (await findSectionRowByPath(db, ref));
  if (!row) throw sectionUnknown(field, ref);
  return toSection(row);
}

export interface NewSection {
  name: string;
  slug?: string | null;
  parentId?: string | null;
  description?: string;
  position?: number;
  frontPageHidden?: boolean;
}

/** Creates a section (editor and above); without a position it goes after its siblings. */
export async function createSection(db: Db, clock: Clock, actor: Actor, input: NewSection): Promise<Section> {
  assertRole(actor, 'editor', 'create sections');
  const name = valid(checkSectionName(input.name));
  const slug = resolveSlug(name, input.slug);
  if (!slug.ok) throw sectionInvalid('slug', slug.message);
  const description = valid(checkSectionDescription(input.description ?? ''));
  const parent = input.parentId ? await getSection(db, input.parentId, 'parentId') : null;
  const path = sectionPath(parent?.path ?? null, slug.value);
  const parentId = parent?.id ?? null;
  await refuseTakenPath(db, path, slug.value, null);
  const position =
    input.position === undefined
      ? ((await maxSiblingPosition(db, parentId)) ?? -1) + 1
      : valid(checkSectionPosition(input.position));
  const now = isoTime(clock.now());
  const row: SectionRow = {
    id: newId(clock.now().getTime()),
    name,
    slug: slug.value,
    parent_id: parentId,
    path,
    description,
    position,
    front_page_hidden: input.frontPageHidden ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  try {
    await insertSection(db, row);
  } catch (error) {
    // Two editors creating the same section at once: the unique path decides.
    if (isUniqueViolation(error)) throw slugTaken(slug.value, `another section at ${path}`);
    throw error;
  }
  return toSection(row);
}

export interface SectionChanges {
  name?: string;
  slug?: string;
  /** null moves the section to the top level. */
  parentId?: string | null;
  description?: string;
  position?: number;
  /** Keep the section's block off the front page (true) or show it again (false). */
  frontPageHidden?: boolean;
}

/**
 * Renames, re-slugs, moves or reorders a section (editor and above). A new slug or parent changes
 * the section's path and the paths of all its subsections, so call it inside one transaction:
 * readers' section addresses must never point half-way through a move.
 */
export async function updateSection(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  changes: SectionChanges,
): Promise<Section> {
  assertRole(actor, 'editor', 'change sections');
  const row = await findSectionRowById(db, id);
  if (!row) throw sectionNotFound(id);
  const current = toSection(row);
  const name = changes.name === undefined ? current.name : valid(checkSectionName(changes.name));
  const description =
    changes.description === undefined
      ? current.description
      : valid(checkSectionDescription(changes.description));
  let slug = current.slug;
  if (changes.slug !== undefined) {
    const check = checkSlug(changes.slug);
    if (!check.ok) throw sectionInvalid('slug', check.message);
    slug = check.value;
  }
  let parent: Section | null =
    current.parentId === null ? null : ((await findSectionById(db, current.parentId)) ?? null);
  const moving = changes.parentId !== undefined && changes.parentId !== current.parentId;
  if (moving) {
    parent = changes.parentId === null ? null : await getSection(db, changes.parentId!, 'parentId');
    if (parent && wouldCycle(current, parent)) throw sectionCycle(current.name, parent.name);
  }
  const parentId = parent?.id ?? null;
  let position = current.position;
  if (changes.position !== undefined) position = valid(checkSectionPosition(changes.position));
  else if (moving) position = ((await maxSiblingPosition(db, parentId)) ?? -1) + 1;

  const frontPageHidden = changes.frontPageHidden ?? current.frontPageHidden;
  const path = sectionPath(parent?.path ?? null, slug);
  const now = isoTime(clock.now());
  const subtree = await findSubtreeRows(db, current.path);
  try {
    if (path !== current.path) {
      await refuseTakenPath(db, path, slug, id);
      // Row by row: a paper has dozens of sections, and this stays plain, dialect-neutral SQL.
      for (const below of subtree) {
        if (below.id === id) continue;
        await updateSectionRow(db, below.id, {
          path: movedPath(below.path, current.path, path),
          updated_at: now,
        });
      }
    }
    await updateSectionRow(db, id, {
      name,
      slug,
      parent_id: parentId,
      path,
      description,
      position,
      front_page_hidden: frontPageHidden ? 1 : 0,
      updated_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug, `another section at ${path}`);
    throw error;
  }
  // The front page's blocks follow the sections' names, order and visibility; the pages that name
  // the section or a subsection (its page, its articles, lists) follow its name and path.
  await queuePurge(db, clock, [CacheKey.home, ...subtree.map((s) => CacheKey.section(s.id))]);
  return {
    ...current,
    name,
    slug,
    parentId,
    path,
    description,
    position,
    frontPageHidden,
    updatedAt: now,
  };
}

/**
 * Deletes a section with no subsections (editor and above). A section that articles are filed in is
 * refused too: the article tables restrict the delete, and that refusal becomes SECTION_IN_USE.
 */
export async function deleteSection(db: Db, actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'editor', 'delete sections');
  const row = await findSectionRowById(db, id);
  if (!row) throw sectionNotFound(id);
  const subsections = await countSubsections(db, id);
  if (subsections > 0) {
    throw sectionInUse(
      row.name,
      `it has ${subsections} subsection${subsections === 1 ? '' : 's'}; move or delete ${subsections === 1 ? 'it' : 'them'} first`,
    );
  }
  try {
    await deleteSectionRow(db, id);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw sectionInUse(
        row.name,
        'articles or subsections are filed in it; move them to another section first',
      );
    }
    throw error;
  }
}

async function refuseTakenPath(db: Db, path: string, slug: string, selfId: string | null): Promise<void> {
  const holder = await findSectionRowByPath(db, path);
  if (holder && holder.id !== selfId) throw slugTaken(slug, `the section "${holder.name}" (${path})`);
}

function valid<T>(check: FieldCheck<T>): T {
  if (!check.ok) throw sectionInvalid(check.field, check.message);
  return check.value;
}

export function toSection(row: SectionRow): Section {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    parentId: row.parent_id,
    path: row.path,
    description: row.description,
    position: Number(row.position),
    frontPageHidden: Number(row.front_page_hidden) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
