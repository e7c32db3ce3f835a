import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { type Actor, createStaff } from '../staff/index.js';
import {
  createAuthor,
  deleteAuthor,
  ensureStaffAuthor,
  findAuthorsByIds,
  findOrCreateGuestAuthors,
  listAuthors,
  updateAuthor,
} from './author-service.js';

const editor: Actor = { staffId: null, tokenId: null, name: 'Desk Editor', role: 'editor' };

describeEachDialect('author service', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');
  const staffMember = (name: string, role = 'reporter') =>
    createStaff(t.database.db, clock, {
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@ledger.example`,
      name,
      role,
      password: 'correct horse battery',
    });

  it('creates guest contributors and staff profiles, one profile per staff account', async () => {
    const db = t.database.db;
    const wire = await createAuthor(db, clock, editor, {
      name: 'José Martí',
      affiliation: 'Reuters',
      bio: 'Covers Latin America.',
    });
    expect(wire).toMatchObject({ slug: 'jose-marti', staffId: null, affiliation: 'Reuters', photoUrl: null });
    const jane = await staffMember('Jane Doe');
    const profile = await createAuthor(db, clock, editor, { name: 'Jane Doe', staffId: jane.id });
    expect(profile.staffId).toBe(jane.id);
    await expect(
      createAuthor(db, clock, editor, { name: 'J. Doe', slug: 'j-doe', staffId: jane.id }),
    ).rejects.toMatchObject({ code: 'AUTHOR_STAFF_TAKEN', status: 409, details: { field: 'staffId' } });
    await expect(createAuthor(db, clock, editor, { name: 'Jose Marti' })).rejects.toMatchObject({
      code: 'SLUG_TAKEN',
      status: 409,
      details: { field: 'slug' },
    });
    await expect(
      createAuthor(db, clock, editor, { name: 'Ghost', staffId: '0190aaaa-0000-7000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'STAFF_UNKNOWN', status: 400, details: { field: 'staffId' } });
    await expect(
      createAuthor(db, clock, editor, { name: 'Pic', photoUrl: 'javascript:x' }),
    ).rejects.toMatchObject({
      code: 'AUTHOR_INVALID',
      details: { field: 'photoUrl' },
    });
    expect((await listAuthors(db, { kind: 'guest' })).map((a) => a.name)).toEqual(['José Martí']);
    expect((await listAuthors(db, { q: 'doe' })).map((a) => a.name)).toEqual(['Jane Doe']);
    expect((await listAuthors(db, { q: 'MARTÍ' })).map((a) => a.name)).toEqual(['José Martí']);
  });

  it('finds authors by id in the order asked, leaving out unknown ids', async () => {
    const db = t.database.db;
    const a = await createAuthor(db, clock, editor, { name: 'Ann Author' });
    const b = await createAuthor(db, clock, editor, { name: 'Ben Byline' });
    expect((await findAuthorsByIds(db, [b.id, 'missing', a.id])).map((x) => x.id)).toEqual([b.id, a.id]);
    expect(await findAuthorsByIds(db, [])).toEqual([]);
  });

  it('turns unknown byline names into guest contributors and reuses known ones', async () => {
    const db = t.database.db;
    const known = await createAuthor(db, clock, editor, { name: 'Ann Author', affiliation: 'AP' });
    const authors = await inTransaction(db, (trx) =>
      findOrCreateGuestAuthors(trx, clock, ['Ann Author', 'Zoë Writer', 'Zoe Writer', 'Kim Lee']),
    );
    expect(authors.map((x) => x.slug)).toEqual(['ann-author', 'zoe-writer', 'kim-lee']);
    expect(authors[0]).toEqual(known);
    expect(authors[1]).toMatchObject({ name: 'Zoë Writer', staffId: null });
    const again = await findOrCreateGuestAuthors(db, clock, ['kim lee']);
    expect(again[0]?.id).toBe(authors[2]?.id);
    await expect(findOrCreateGuestAuthors(db, clock, ['  '])).rejects.toMatchObject({
      code: 'AUTHOR_INVALID',
      details: { field: 'authors' },
    });
  });

  it("creates a staff member's profile on first need, with a free slug, once", async () => {
    const db = t.database.db;
    await createAuthor(db, clock, editor, { name: 'Jane Doe' });
    await createAuthor(db, clock, editor, { name: 'Jane Doe', slug: 'jane-doe-2' });
    const jane = await staffMember('Jane Doe');
    const profile = await ensureStaffAuthor(db, clock, { id: jane.id, name: jane.name });
    expect(profile).toMatchObject({ name: 'Jane Doe', slug: 'jane-doe-3', staffId: jane.id });
    expect(await ensureStaffAuthor(db, clock, { id: jane.id, name: 'Renamed' })).toEqual(profile);
    expect(await listAuthors(db, { kind: 'staff' })).toEqual([profile]);
  });

  it('lets staff change their own profile but not its slug, and editors change any', async () => {
    const db = t.database.db;
    const jane = await staffMember('Jane Doe');
    const self: Actor = { staffId: jane.id, tokenId: null, name: jane.name, role: 'reporter' };
    const profile = await ensureStaffAuthor(db, clock, jane);
    const other = await createAuthor(db, clock, editor, { name: 'Other Person' });
    clock.advance(1000);
    const changed = await updateAuthor(db, clock, self, profile.id, {
      bio: 'Reports on courts.',
      photoUrl: '/media/jane.jpg',
      affiliation: null,
    });
    expect(changed).toMatchObject({ bio: 'Reports on courts.', photoUrl: '/media/jane.jpg' });
    expect(changed.updatedAt).toBe('2026-11-16T09:00:01.000Z');
    await expect(updateAuthor(db, clock, self, profile.id, { slug: 'jd' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    await expect(updateAuthor(db, clock, self, other.id, { bio: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(updateAuthor(db, clock, editor, other.id, { slug: profile.slug })).rejects.toMatchObject({
      code: 'SLUG_TAKEN',
    });
    await expect(updateAuthor(db, clock, editor, other.id, { staffId: jane.id })).rejects.toMatchObject({
      code: 'AUTHOR_STAFF_TAKEN',
    });
    const guest = await updateAuthor(db, clock, editor, profile.id, {
      staffId: null,
      name: 'Jane Doe (former)',
    });
    expect(guest).toMatchObject({ staffId: null, name: 'Jane Doe (former)', slug: 'jane-doe' });
    await expect(updateAuthor(db, clock, editor, 'missing', { bio: 'x' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('deletes profiles for editors only', async () => {
    const db = t.database.db;
    const author = await createAuthor(db, clock, editor, { name: 'Ann Author' });
    const reporter: Actor = { ...editor, role: 'reporter' };
    await expect(deleteAuthor(db, reporter, author.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createAuthor(db, clock, reporter, { name: 'X' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await deleteAuthor(db, editor, author.id);
    expect(await listAuthors(db)).toEqual([]);
    await expect(deleteAuthor(db, editor, author.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
