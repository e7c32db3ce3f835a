import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { Actor } from '../staff/index.js';
import {
  createSection,
  deleteSection,
  findSectionById,
  findSectionByPath,
  getSection,
  listSections,
  updateSection,
} from './section-service.js';

const editor: Actor = { staffId: null, tokenId: null, name: 'Desk Editor', role: 'editor' };
const reporter: Actor = { staffId: null, tokenId: null, name: 'Field Reporter', role: 'reporter' };

describeEachDialect('section service', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');

  it('builds paths from slugs, makes slugs from names and appends new sections after their siblings', async () => {
    const db = t.database.db;
    const world = await createSection(db, clock, editor, { name: 'World', description: ' All news abroad ' });
    const europe = await createSection(db, clock, editor, { name: 'Europe', parentId: world.id });
    const cafe = await createSection(db, clock, editor, { name: 'Café Society', parentId: world.id });
    expect(world).toMatchObject({ slug: 'world', path: 'world', parentId: null, position: 0 });
    expect(world.description).toBe('All news abroad');
    expect(europe).toMatchObject({ path: 'world/europe', parentId: world.id, position: 0 });
    expect(cafe).toMatchObject({ slug: 'cafe-society', path: 'world/cafe-society', position: 1 });
    expect(await findSectionByPath(db, 'world/europe')).toEqual(europe);
    expect(await findSectionById(db, cafe.id)).toEqual(cafe);
    expect(await getSection(db, 'world/europe')).toEqual(europe);
    expect(await getSection(db, europe.id)).toEqual(europe);
    await expect(getSection(db, 'world/asia')).rejects.toMatchObject({
      code: 'SECTION_UNKNOWN',
      status: 400,
      details: { field: 'section' },
    });
  });

  it('lets two parents have subsections with the same slug, but not one parent', async () => {
    const db = t.database.db;
    const world = await createSection(db, clock, editor, { name: 'World' });
    const travel = await createSection(db, clock, editor, { name: 'Travel' });
    await createSection(db, clock, editor, { name: 'Europe', parentId: world.id });
    await createSection(db, clock, editor, { name: 'Europe', parentId: travel.id });
    await expect(
      createSection(db, clock, editor, { name: 'European Union', slug: 'europe', parentId: world.id }),
    ).rejects.toMatchObject({ code: 'SLUG_TAKEN', status: 409, details: { field: 'slug' } });
  });

  it('moves a section with its subsections in one transaction, and refuses loops', async () => {
    const db = t.database.db;
    const world = await createSection(db, clock, editor, { name: 'World' });
    const europe = await createSection(db, clock, editor, { name: 'Europe', parentId: world.id });
    const france = await createSection(db, clock, editor, { name: 'France', parentId: europe.id });
    const paris = await createSection(db, clock, editor, { name: 'Paris', parentId: france.id });
    const news = await createSection(db, clock, editor, { name: 'News' });
    clock.advance(60_000);

    const moved = await inTransaction(db, (trx) =>
      updateSection(trx, clock, editor, europe.id, { parentId: news.id, slug: 'eu' }),
    );
    expect(moved).toMatchObject({
      path: 'news/eu',
      parentId: news.id,
      updatedAt: '2026-11-16T09:01:00.000Z',
    });
    expect((await findSectionById(db, france.id))?.path).toBe('news/eu/france');
    expect((await findSectionById(db, paris.id))?.path).toBe('news/eu/france/paris');
    expect((await findSectionById(db, world.id))?.path).toBe('world');

    for (const target of [europe.id, paris.id]) {
      await expect(
        inTransaction(db, (trx) => updateSection(trx, clock, editor, europe.id, { parentId: target })),
      ).rejects.toMatchObject({ code: 'SECTION_CYCLE', status: 409, details: { field: 'parentId' } });
    }
    const top = await inTransaction(db, (trx) =>
      updateSection(trx, clock, editor, france.id, { parentId: null }),
    );
    expect(top.path).toBe('france');
    expect((await findSectionById(db, paris.id))?.path).toBe('france/paris');
  });

  it('refuses a move onto a path in use and changes nothing', async () => {
    const db = t.database.db;
    const world = await createSection(db, clock, editor, { name: 'World' });
    const europe = await createSection(db, clock, editor, { name: 'Europe', parentId: world.id });
    await createSection(db, clock, editor, { name: 'France', parentId: europe.id });
    await createSection(db, clock, editor, { name: 'EU' });
    await expect(
      inTransaction(db, (trx) =>
        updateSection(trx, clock, editor, europe.id, { parentId: null, slug: 'eu' }),
      ),
    ).rejects.toMatchObject({ code: 'SLUG_TAKEN' });
    expect((await listSections(db)).map((s) => s.path)).toEqual([
      'world',
      'world/europe',
      'world/europe/france',
      'eu',
    ]);
  });

  it('checks names, slugs, positions and parents, naming the field', async () => {
    const db = t.database.db;
    const cases: [Parameters<typeof createSection>[3], string, string][] = [
      [{ name: '  ' }, 'SECTION_INVALID', 'name'],
      [{ name: 'x'.repeat(81) }, 'SECTION_INVALID', 'name'],
      [{ name: 'World', slug: 'World News' }, 'SECTION_INVALID', 'slug'],
      [{ name: 'Україна' }, 'SECTION_INVALID', 'slug'],
      [{ name: 'World', position: -1 }, 'SECTION_INVALID', 'position'],
      [{ name: 'World', description: 'x'.repeat(501) }, 'SECTION_INVALID', 'description'],
      [{ name: 'World', parentId: 'nope' }, 'SECTION_UNKNOWN', 'parentId'],
    ];
    for (const [input, code, field] of cases) {
      await expect(createSection(db, clock, editor, input)).rejects.toMatchObject({
        code,
        status: 400,
        details: { field },
      });
    }
    expect(await listSections(db)).toEqual([]);
  });

  it('refuses reporters, and deletes only sections without subsections', async () => {
    const db = t.database.db;
    await expect(createSection(db, clock, reporter, { name: 'World' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    const world = await createSection(db, clock, editor, { name: 'World' });
    const europe = await createSection(db, clock, editor, { name: 'Europe', parentId: world.id });
    await expect(deleteSection(db, reporter, europe.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deleteSection(db, editor, world.id)).rejects.toMatchObject({
      code: 'SECTION_IN_USE',
      status: 409,
    });
    await deleteSection(db, editor, europe.id);
    await deleteSection(db, editor, world.id);
    await expect(deleteSection(db, editor, world.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    expect(await listSections(db)).toEqual([]);
  });
});
