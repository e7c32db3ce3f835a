import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { type Db, isForeignKeyViolation, isUniqueViolation } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { slugTaken } from '../../platform/http/errors.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import { newId } from '../../platform/ids.js';
import { checkSlug, resolveSlug, SLUG_MAX, slugify } from '../../platform/slug.js';
import { type Actor, assertRole } from '../staff/index.js';
import {
  type Author,
  type AuthorCheck,
  type AuthorKind,
  type AuthorLink,
  checkAffiliation,
  checkAuthorName,
  checkBio,
  checkLinks,
  checkPhotoUrl,
} from './author.js';
import {
  authorInUse,
  authorInvalid,
  authorNotFound,
  staffAuthorTaken,
  staffUnknown,
} from './author-errors.js';
import {
  type AuthorRow,
  deleteAuthorRow,
  findAuthorRowById,
  findAuthorRowBySlug,
  findAuthorRowByStaffId,
  findAuthorRowsByIds,
  findAuthorRowsBySlugs,
  findSlugsLike,
  insertAuthor,
  insertAuthorsIfFree,
  listAuthorRows,
  updateAuthorRow,
} from './author-repository.js';

export const AUTHOR_LIST_LIMIT = 100;

/** Authors by name; `q` keeps those whose name or slug contains it, `kind` staff or guests only. */
export async function listAuthors(
  db: Db,
  query: { q?: string; kind?: AuthorKind; limit?: number } = {},
): Promise<Author[]> {
  const q = (query.q ?? '').trim();
  const rows = await listAuthorRows(db, {
    slugPart: slugify(q),
    namePart: q.toLowerCase(),
    limit: query.limit ?? AUTHOR_LIST_LIMIT,
    ...(query.kind ? { kind: query.kind } : {}),
  });
  return rows.map(toAuthor);
}

export async function findAuthorById(db: Db, id: string): Promise<Author | undefined> {
  const row = await findAuthorRowById(db, id);
  return row && toAuthor(row);
}

/** The authors with these ids, in the order asked; ids with no author are left out. */
export async function findAuthorsByIds(db: Db, ids: string[]): Promise<Author[]> {
  const byId = new Map((await findAuthorRowsByIds(db, [...new Set(ids)])).map((r) => [r.id, toAuthor(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface NewAuthor {
  name: string;
  slug?: string | null;
  bio?: string;
  staffId?: string | null;
  affiliation?: string | null;
  photoUrl?: string | null;
  links?: { label: string; url: string }[];
}

/** Creates an author profile (editor and above); without `staffId` it is a guest contributor. */
export async function createAuthor(db: Db, clock: Clock, actor: Actor, input: NewAuthor): Promise<Author> {
  assertRole(actor, 'editor', 'create author profiles');
  const name = field('name', checkAuthorName(input.name));
  const slug = resolveSlug(name, input.slug);
  if (!slug.ok) throw authorInvalid('slug', slug.message);
  const staffId = input.staffId ?? null;
  const now = isoTime(clock.now());
  const row: AuthorRow = {
    id: newId(clock.now().getTime()),
    name,
    slug: slug.value,
    bio: field('bio', checkBio(input.bio ?? '')),
    staff_id: staffId,
    affiliation: field('affiliation', checkAffiliation(input.affiliation ?? null)),
    photo_url: field('photoUrl', checkPhotoUrl(input.photoUrl ?? null)),
    links: JSON.stringify(field('links', checkLinks(input.links ?? []))),
    created_at: now,
    updated_at: now,
  };
  await refuseTaken(db, row.slug, staffId, null);
  try {
    await insertAuthor(db, row);
  } catch (error) {
    throw writeRefusal(error, row.slug, staffId);
  }
  return toAuthor(row);
}

export interface AuthorChanges {
  name?: string;
  slug?: string;
  bio?: string;
  /** null turns a staff member's profile into a guest profile. */
  staffId?: string | null;
  affiliation?: string | null;
  photoUrl?: string | null;
  /** Replaces the links; [] removes them all. */
  links?: { label: string; url: string }[];
}

/**
 * Changes an author profile. Editors and above change any profile; a staff member may change the
 * name, bio, affiliation and photo of their own, but not its slug (their byline address) or the
 * account it belongs to.
 */
export async function updateAuthor(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  changes: AuthorChanges,
): Promise<Author> {
  const row = await findAuthorRowById(db, id);
  const own = row !== undefined && actor.staffId !== null && actor.staffId === row.staff_id;
  if (!own) assertRole(actor, 'editor', "change other people's author profiles");
  if (changes.slug !== undefined || changes.staffId !== undefined) {
    assertRole(actor, 'editor', "change an author's slug or staff account");
  }
  if (!row) throw authorNotFound(id);
  let slug = row.slug;
  if (changes.slug !== undefined) {
    const check = checkSlug(changes.slug);
    if (!check.ok) throw authorInvalid('slug', check.message);
    slug = check.value;
  }
  const staffId = changes.staffId === undefined ? row.staff_id : changes.staffId;
  const updated: AuthorRow = {
    ...row,
    name: changes.name === undefined ? row.name : field('name', checkAuthorName(changes.name)),
    slug,
    bio: changes.bio === undefined ? row.bio : field('bio', checkBio(changes.bio)),
    staff_id: staffId,
    affiliation:
      changes.affiliation === undefined
        ? row.affiliation
        : field('affiliation', checkAffiliation(changes.affiliation)),
    photo_url:
      changes.photoUrl === undefined ? row.photo_url : field('photoUrl', checkPhotoUrl(changes.photoUrl)),
    links:
      changes.links === undefined ? row.links : JSON.stringify(field('links', checkLinks(changes.links))),
    updated_at: isoTime(clock.now()),
  };
  await refuseTaken(db, slug, staffId, id);
  try {
    const { id: _id, created_at: _created, ...patch } = updated;
    await updateAuthorRow(db, id, patch);
  } catch (error) {
    throw writeRefusal(error, slug, staffId);
  }
  // The author's page and every page with their byline (articles, cards, feeds) carry their key.
  await queuePurge(db, clock, [CacheKey.author(id)]);
  return toAuthor(updated);
}

/** Deletes an author profile no article credits (editor and above); the article tables refuse the rest. */
export async function deleteAuthor(db: Db, actor: Actor, id: string): Promise<void> {
  assertRole(actor, 'editor', 'delete author profiles');
  const row = await findAuthorRowById(db, id);
  if (!row) throw authorNotFound(id);
  try {
    await deleteAuthorRow(db, id);
  } catch (error) {
    if (isForeignKeyViolation(error)) throw authorInUse(row.name);
    throw error;
  }
}

/**
 * The authors for these byline names, in the order given, matched by slug ("José Martí" and "Jose
 * Marti" are one author); names no one has yet become guest contributors. Used by the importer.
 * Throws AUTHOR_INVALID (400, field `authors`) for a name that is empty, too long or yields no slug.
 */
export async function findOrCreateGuestAuthors(db: Db, clock: Clock, names: string[]): Promise<Author[]> {
  const wanted = new Map<string, string>();
  for (const raw of names) {
    const name = checkAuthorName(raw);
    if (!name.ok) throw authorInvalid('authors', `"${raw}": ${name.message}`);
    const slug = slugify(name.value);
    if (slug === '') {
      throw authorInvalid(
        'authors',
        `No slug can be made from "${name.value}"; create the author with a slug first.`,
      );
    }
    if (!wanted.has(slug)) wanted.set(slug, name.value);
  }
  const slugs = [...wanted.keys()];
  const found = new Set((await findAuthorRowsBySlugs(db, slugs)).map((r) => r.slug));
  const now = clock.now();
  await insertAuthorsIfFree(
    db,
    slugs.filter((slug) => !found.has(slug)).map((slug) => guestRow(wanted.get(slug)!, slug, now)),
  );
  const bySlug = new Map((await findAuthorRowsBySlugs(db, slugs)).map((r) => [r.slug, toAuthor(r)]));
  return slugs.map((slug) => bySlug.get(slug)!);
}

/**
 * The author profile of a staff member, created on first need (their first byline) with a slug
 * from their name; "jane-doe-2" when a guest contributor already has "jane-doe".
 */
export async function ensureStaffAuthor(
  db: Db,
  clock: Clock,
  staff: { id: string; name: string },
): Promise<Author> {
  const existing = await findAuthorRowByStaffId(db, staff.id);
  if (existing) return toAuthor(existing);
  const name = checkAuthorName(staff.name);
  const base = slugify(staff.name, SLUG_MAX - 4) || 'author';
  // A second writer may take the slug between the look-up and the insert: try again with the next.
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = new Set(await findSlugsLike(db, base));
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const now = clock.now();
    const row = { ...guestRow(name.ok ? name.value : base, slug, now), staff_id: staff.id };
    await insertAuthorsIfFree(db, [row]);
    const mine = await findAuthorRowByStaffId(db, staff.id);
    if (mine) return toAuthor(mine);
  }
  throw new Error(`Could not find a free author slug for staff member ${staff.id}.`);
}

function guestRow(name: string, slug: string, now: Date): AuthorRow {
  return {
    id: newId(now.getTime()),
    name,
    slug,
    bio: '',
    staff_id: null,
    affiliation: null,
    photo_url: null,
    links: '[]',
    created_at: isoTime(now),
    updated_at: isoTime(now),
  };
}

async function refuseTaken(
  db: Db,
  slug: string,
  staffId: string | null,
  selfId: string | null,
): Promise<void> {
  const holder = await findAuthorRowBySlug(db, slug);
  if (holder && holder.id !== selfId) throw slugTaken(slug, `the author "${holder.name}"`);
  if (staffId === null) return;
  const profile = await findAuthorRowByStaffId(db, staffId);
  if (profile && profile.id !== selfId) throw staffAuthorTaken(profile.name);
}

/** A failed write as the refusal a person understands: which unique field, or which missing staff account. */
function writeRefusal(error: unknown, slug: string, staffId: string | null): unknown {
  if (isForeignKeyViolation(error) && staffId !== null) return staffUnknown(staffId);
  if (isUniqueViolation(error)) {
    // Both engines name the column or its constraint in the message ("authors.staff_id", "authors_staff_id_key").
    return /staff_id/.test(String((error as Error).message))
      ? staffAuthorTaken()
      : slugTaken(slug, 'another author');
  }
  return error;
}

function field<T>(name: string, check: AuthorCheck<T>): T {
  if (!check.ok) throw authorInvalid(name, check.message);
  return check.value;
}

function toAuthor(row: AuthorRow): Author {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    bio: row.bio,
    staffId: row.staff_id,
    affiliation: row.affiliation,
    photoUrl: row.photo_url,
    links: authorLinksOf(row.links),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A stored links column as links; anything unreadable (never written by this code) as none. */
export function authorLinksOf(stored: string): AuthorLink[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [];
    const check = checkLinks(
      parsed.filter(
        (l): l is { label: string; url: string } =>
          typeof l?.label === 'string' && typeof l?.url === 'string',
      ),
    );
    return check.ok ? check.value : [];
  } catch {
    return [];
  }
}
