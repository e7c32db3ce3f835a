import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/database/database.js';
import { slugTaken } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { checkSlug, resolveSlug, slugify } from '../../platform/slug.js';
import { type Actor, assertRole } from '../staff/index.js';
import { checkTagName, type Tag } from './tag.js';
import { tagInUse, tagInvalid, tagNotFound } from './tag-errors.js';
import {
  deleteTagRow,
  findTagRowById,
  findTagRowBySlug,
  findTagRowsBySlugs,
  insertMissingTags,
  insertTag,
  listTagRows,
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

export async function findTagById(db: Db, id: string): Promise<Tag | undefined> {
  const row = await findTagRowById(db, id);
  return row && toTag(row);
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

/** Renames a tag or changes its slug (editor and above: every article carrying it changes with it). */
export async function updateTag(
  db: Db,
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

async function refuseTakenSlug(db: Db, slug: string, selfId: string | null): Promise<void> {
  const holder = await findTagRowBySlug(db, slug);
  if (holder && holder.id !== selfId) throw slugTaken(slug, `the tag "${holder.name}"`);
}

function toTag(row: TagRow): Tag {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at };
}
