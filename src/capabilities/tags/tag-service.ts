import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/database/database.js';
import { slugTaken } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { checkSlug, resolveSlug, slugify } from '../../platform/slug.js';
import { type Actor, assertRole } from '../staff/index.js';
import { checkTagName, type Tag } from './tag.js';
import { tagInUse, tagInvalid, tagNotFound, tagUnknown } from './tag-errors.js';
import { queueTagPurge } from './tag-purge.js';
import {
  countArticlesByTag,
  deleteRedirect,
  deleteTagRow,
  findTagRowById,
  findTagRowBySlug,
  findTagRowsBySlugs,
  insertMissingTags,
  insertTag,
  listTagRows,
  saveRedirect,
  type TagRow,
  updateTagRow,
} from './tag-repository.js';

export const TAG_LIST_LIMIT = 50;

/** Tags by name; `q` keeps those whose name or slug starts with it ("caf" and "Café" both find "Café Society"). */
export async function listTags(db: Db, query: { q?: string; limit?: number } = {}): Promise<Tag[]> {
  const q = (query.q ?? '').trim();
  const rows = await listTagRows(db, {
    slugPrefix: slugify(q),
    namePrefix: q.toLowerCase(),
    limit: query.limit ?? TAG_LIST_LIMIT,
  });
  return rows.map(toTag);
}

/** As listTags, each tag with how many articles carry it (the newsroom's tag list). */
export async function listTagsCounted(
  db: Db,
  query: { q?: string; limit?: number } = {},
): Promise<(Tag & { articleCount: number })[]> {
  const tags = await listTags(db, query);
  const counts = await countArticlesByTag(
    db,
    tags.map((t) => t.id),
  );
  return tags.map((tag) => ({ ...tag, articleCount: counts.get(tag.id) ?? 0 }));
}

export async function findTagById(db: Db, id: string): Promise<Tag | undefined> {
  const row = await findTagRowById(db, id);
  return row && toTag(row);
}

/**
 * The tag a caller names, by id or by slug; throws TAG_UNKNOWN (400) naming `field`, as an unknown
 * section does, so a filter by a tag that was deleted or mistyped says so instead of listing nothing.
 */
export async function getTag(db: Db, ref: string, field = 'tag'): Promise<Tag> {
  const row = (await findTagRowById(db, ref)) ?? (await findTagRowBySlug(db, ref));
  if (!row) throw tagUnknown(field, ref);
  return toTag(row);
}

/** Any staff member may create a tag, as they may by tagging an article. */
export async function createTag(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { name: string; slug?: string | null },
): Promise<Tag> {
  assertRole(actor, 'contributor', 'create tags');
  const name = checkTagName(input.name);
  if (!name.ok) throw tagInvalid('name', name.message);
  const slug = resolveSlug(name.value, input.slug);
  if (!slug.ok) throw tagInvalid('slug', slug.message);
  await refuseTakenSlug(db, slug.value, null);
  const row: TagRow = {
    id: newId(clock.now().getTime()),
    name: name.value,
    slug: slug.value,
    created_at: isoTime(clock.now()),
  };
  try {
    await insertTag(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug.value, 'another tag');
    throw error;
  }
  return toTag(row);
}

/**
 * Renames a tag or changes its slug (editor and above: every article carrying it changes with it).
 * A new slug leaves the old address answering 301 to the new one (migration 0030). Call it inside
 * one transaction: the tag, its redirect and the purge of its pages go together.
 */
export async function updateTag(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  changes: { name?: string; slug?: string },
): Promise<Tag> {
  assertRole(actor, 'editor', 'change tags');
  const row = await findTagRowById(db, id);
  if (!row) throw tagNotFound(id);
  let { name, slug } = row;
  if (changes.name !== undefined) {
    const check = checkTagName(changes.name);
    if (!check.ok) throw tagInvalid('name', check.message);
    name = check.value;
  }
  if (changes.slug !== undefined) {
    const check = checkSlug(changes.slug);
    if (!check.ok) throw tagInvalid('slug', check.message);
    slug = check.value;
    await refuseTakenSlug(db, slug, id);
  }
  try {
    await updateTagRow(db, id, { name, slug });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug, 'another tag');
    throw error;
  }
  if (slug !== row.slug) {
    await deleteRedirect(db, slug);
    await saveRedirect(db, row.slug, id, isoTime(clock.now()));
  }
  await queueTagPurge(db, clock, [id]);
  return toTag({ ...row, name, slug });
}

/** Deletes a tag no article carries (editor and above); the article tables refuse the rest. */
export async function deleteTag(db: Db, actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'editor', 'delete tags');
  const row = await findTagRowById(db, id);
  if (!row) throw tagNotFound(id);
  try {
    await deleteTagRow(db, id);
  } catch (error) {
    if (isForeignKeyViolation(error)) throw tagInUse(row.name);
    throw error;
  }
}

/**
 * The tags for these names, in the order given, matched by slug ("Café" and "cafe" are one tag);
 * names not yet tagged become new tags. Used when an article is saved or imported. Throws
 * TAG_INVALID (400, field `tags`) for a name that is empty, too long or yields no slug.
 */
export async function findOrCreateTags(db: Db, clock: Clock, names: string[]): Promise<Tag[]> {
  const wanted = wantedTags(names);
  const slugs = [...wanted.keys()];
  const found = new Set((await findTagRowsBySlugs(db, slugs)).map((r) => r.slug));
  const now = clock.now();
  await insertMissingTags(
    db,
    slugs
      .filter((slug) => !found.has(slug))
      .map((slug) => ({ id: newId(now.getTime()), name: wanted.get(slug)!, slug, created_at: isoTime(now) })),
  );
  const bySlug = new Map((await findTagRowsBySlugs(db, slugs)).map((r) => [r.slug, toTag(r)]));
  return slugs.map((slug) => bySlug.get(slug)!);
}

/**
 * The tags these names would be, as findOrCreateTags would make them, checked the same way but written
 * nowhere: a tag not created yet has a null id (the newsroom's preview of unsaved fields).
 */
export async function findTagsNamed(
  db: Db,
  names: string[],
): Promise<{ id: string | null; name: string; slug: string }[]> {
  const wanted = wantedTags(names);
  const slugs = [...wanted.keys()];
  const bySlug = new Map((await findTagRowsBySlugs(db, slugs)).map((r) => [r.slug, toTag(r)]));
  return slugs.map((slug) => bySlug.get(slug) ?? { id: null, name: wanted.get(slug)!, slug });
}

/** Checked names by the slug they make, first spelling kept; throws TAG_INVALID on a bad one. */
function wantedTags(names: string[]): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const raw of names) {
    const name = checkTagName(raw);
    if (!name.ok) throw tagInvalid('tags', `"${raw}": ${name.message}`);
    const slug = slugify(name.value);
    if (slug === '') {
      throw tagInvalid(
        'tags',
        `No tag slug can be made from "${name.value}"; create the tag with a slug first.`,
      );
    }
    if (!wanted.has(slug)) wanted.set(slug, name.value);
  }
  return wanted;
}

async function refuseTakenSlug(db: Db, slug: string, selfId: string | null): Promise<void> {
  const holder = await findTagRowBySlug(db, slug);
  if (holder && holder.id !== selfId) throw slugTaken(slug, `the tag "${holder.name}"`);
}

export function toTag(row: TagRow): Tag {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at };
}
