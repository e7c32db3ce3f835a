import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import type { Actor } from '../staff/index.js';
import { createTag, deleteTag, findOrCreateTags, findTagById, listTags, updateTag } from './tag-service.js';

const editor: Actor = { staffId: null, tokenId: null, name: 'Desk Editor', role: 'editor' };
const contributor: Actor = { staffId: null, tokenId: null, name: 'Stringer', role: 'contributor' };

describeEachDialect('tag service', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');

  it('creates tags with slugs from names and refuses a slug in use', async () => {
    const db = t.database.db;
    const cafe = await createTag(db, clock, contributor, { name: '  Café   Society ' });
    expect(cafe).toMatchObject({
      name: 'Café Society',
      slug: 'cafe-society',
      createdAt: '2026-11-16T09:00:00.000Z',
    });
    await expect(createTag(db, clock, editor, { name: 'Cafe society' })).rejects.toMatchObject({
      code: 'SLUG_TAKEN',
      status: 409,
      details: { field: 'slug' },
    });
    await expect(createTag(db, clock, editor, { name: 'x', slug: 'Not A Slug' })).rejects.toMatchObject({
      code: 'TAG_INVALID',
      details: { field: 'slug' },
    });
    await expect(createTag(db, clock, editor, { name: ' ' })).rejects.toMatchObject({
      code: 'TAG_INVALID',
      details: { field: 'name' },
    });
  });

  it('finds tags by the start of their name or slug, accents and case aside', async () => {
    const db = t.database.db;
    for (const name of ['Café Society', 'Cafeterias', 'Climate', '100% Renewable', 'Élysée']) {
      await createTag(db, clock, editor, { name });
    }
    // Sorted here: where "Café" sorts against "Cafe" depends on the database's collation.
    const names = async (q: string) => (await listTags(db, { q })).map((tag) => tag.name).sort();
    expect(await names('caf')).toEqual(['Cafeterias', 'Café Society']);
    expect(await names('Café')).toEqual(['Cafeterias', 'Café Society']);
    expect(await names('ely')).toEqual(['Élysée']);
    expect(await names('100%')).toEqual(['100% Renewable']);
    expect(await names('%')).toEqual([]);
    expect(await names('zebra')).toEqual([]);
    expect(await listTags(db, { limit: 2 })).toHaveLength(2);
  });

  it('finds or creates tags for an article, in the order given, once per slug', async () => {
    const db = t.database.db;
    const existing = await createTag(db, clock, editor, { name: 'Climate' });
    const tags = await findOrCreateTags(db, clock, ['Elections', 'climate', 'Élections', 'Kyiv']);
    expect(tags.map((tag) => tag.slug)).toEqual(['elections', 'climate', 'kyiv']);
    expect(tags[1]).toEqual(existing);
    expect(tags[0]?.name).toBe('Elections');
    const again = await findOrCreateTags(db, clock, ['KYIV', 'Elections']);
    expect(again.map((tag) => tag.id)).toEqual([tags[2]?.id, tags[0]?.id]);
    expect(await listTags(db)).toHaveLength(3);
    await expect(findOrCreateTags(db, clock, ['Україна'])).rejects.toMatchObject({
      code: 'TAG_INVALID',
      status: 400,
      details: { field: 'tags' },
    });
    expect(await findOrCreateTags(db, clock, [])).toEqual([]);
  });

  it('lets editors rename and delete, and no one else', async () => {
    const db = t.database.db;
    const tag = await createTag(db, clock, contributor, { name: 'Climat' });
    await expect(updateTag(db, clock, contributor, tag.id, { name: 'Climate' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    const renamed = await updateTag(db, clock, editor, tag.id, { name: 'Climate', slug: 'climate' });
    expect(renamed).toMatchObject({ name: 'Climate', slug: 'climate' });
    const other = await createTag(db, clock, editor, { name: 'Weather' });
    await expect(updateTag(db, clock, editor, other.id, { slug: 'climate' })).rejects.toMatchObject({
      code: 'SLUG_TAKEN',
    });
    await expect(updateTag(db, clock, editor, 'missing', { name: 'x' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(deleteTag(db, contributor, tag.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await deleteTag(db, editor, tag.id);
    expect(await findTagById(db, tag.id)).toBeUndefined();
    await expect(deleteTag(db, editor, tag.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
