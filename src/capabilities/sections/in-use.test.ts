import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { createAuthor, deleteAuthor } from '../authors/index.js';
import type { Actor } from '../staff/index.js';
import { createTag, deleteTag } from '../tags/index.js';
import { createSection, deleteSection } from './index.js';

const editor: Actor = { staffId: null, tokenId: null, name: 'Desk Editor', role: 'editor' };

/**
 * The article tables point at sections, tags and authors with ON DELETE RESTRICT. A stand-in table
 * with the same kind of keys shows each delete refused with a 409 rather than a 500, without
 * depending on the article schema.
 */
describeEachDialect('deleting reference data in use', (t) => {
  it('answers SECTION_IN_USE, TAG_IN_USE and AUTHOR_IN_USE and keeps the rows', async () => {
    const db = t.database.db;
    const clock = fixedClock('2026-11-16T09:00:00Z');
    // biome-ignore lint/suspicious/noExplicitAny: a table only this test knows
    const raw = db as unknown as Kysely<any>;
    await raw.schema
      .createTable('stand_in_articles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('section_id', 'text', (c) => c.references('sections.id').onDelete('restrict'))
      .addColumn('tag_id', 'text', (c) => c.references('tags.id').onDelete('restrict'))
      .addColumn('author_id', 'text', (c) => c.references('authors.id').onDelete('restrict'))
      .execute();
    const section = await createSection(db, clock, editor, { name: 'World' });
    const tag = await createTag(db, clock, editor, { name: 'Climate' });
    const author = await createAuthor(db, clock, editor, { name: 'Ann Author' });
    await raw
      .insertInto('stand_in_articles')
      .values({ id: 'a1', section_id: section.id, tag_id: tag.id, author_id: author.id })
      .execute();

    await expect(deleteSection(db, editor, section.id)).rejects.toMatchObject({
      code: 'SECTION_IN_USE',
      status: 409,
    });
    await expect(deleteTag(db, editor, tag.id)).rejects.toMatchObject({ code: 'TAG_IN_USE', status: 409 });
    await expect(deleteAuthor(db, editor, author.id)).rejects.toMatchObject({
      code: 'AUTHOR_IN_USE',
      status: 409,
    });
    expect(await raw.selectFrom('sections').select('id').execute()).toHaveLength(1);
    expect(await raw.selectFrom('tags').select('id').execute()).toHaveLength(1);
    expect(await raw.selectFrom('authors').select('id').execute()).toHaveLength(1);
  });
});
