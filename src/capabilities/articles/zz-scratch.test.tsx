import fs from 'node:fs';
import { it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { createSection } from '../sections/index.js';
import { lookUpReaderArticle } from './article-reader.js';
const OWNER = { staffId: null, tokenId: null, name: 'Test', role: 'owner' } as const;
it('scale', { timeout: 300000 }, async () => {
  const database = await createTestDatabase('sqlite');
  const clock = fixedClock('2026-11-16T09:00:00.000Z');
  const db = database.db;
  const sections = [];
  for (let s = 0; s < 10; s++) sections.push(await createSection(db, clock, OWNER, { name: 'S' + s }));
  const tags = ['big', 'rare', 'mid', 'edge'].map((name) => ({ id: newId(), name, slug: name, created_at: '2026-01-01T00:00:00.000Z' }));
  await db.insertInto('tags').values(tags).execute();
  const N = 100000;
  const base = Date.parse('2020-01-01T00:00:00Z');
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < N; start += 500) {
      const rows = []; const at = [];
      for (let i = start; i < start + 500; i++) {
        const t = new Date(base + i * 60000).toISOString();
        const id = newId(base + i * 60000);
        rows.push({ id, slug: 'a' + i, status: 'published', headline: 'H' + i, dek: '', dateline: '', body: '{"type":"doc","content":[{"type":"paragraph"}]}', body_text: '', access: 'metered', section_id: sections[i % 10]!.id, lead_image: null, seo_headline: '', seo_description: '', byline_suffix: '', word_count: 1, reading_minutes: 1, revision: 1, created_by: null, created_at: t, saved_at: t, first_published_at: t, published_at: t, modified_at: null, scheduled_at: null, unpublished_at: null });
        if (i % 5 === 0) at.push({ article_id: id, tag_id: tags[0]!.id, position: 0 });
        if (i % 20000 === 7) at.push({ article_id: id, tag_id: tags[1]!.id, position: 1 });
        if (i % 100 === 3) at.push({ article_id: id, tag_id: tags[2]!.id, position: 2 });
        if (i % 400 === 11) at.push({ article_id: id, tag_id: tags[3]!.id, position: 3 });
      }
      await trx.insertInto('articles').values(rows).execute();
      if (at.length) await trx.insertInto('article_tags').values(at).execute();
    }
  });
  const out: string[] = [];
  const time = async (name: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) await fn();
    out.push(`${name}: ${((performance.now() - t0) / 100).toFixed(3)} ms`);
  };
  await time('lookup big tag', () => lookUpReaderArticle(db, 'a5000'));
  await time('lookup mid tag', () => lookUpReaderArticle(db, 'a5003'));
  await time('lookup rare tag', () => lookUpReaderArticle(db, 'a20007'));
  await time('lookup edge tag (250)', () => lookUpReaderArticle(db, 'a4011'));
  await time('lookup no tag', () => lookUpReaderArticle(db, 'a5001'));
  const R = await import('./article-reader-repository.js');
  const { sql } = await import('kysely');
  const plan = async (name: string, q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
    const c = q.compile();
    const rows = await sql.raw('explain query plan ' + c.sql.replace(/\?/g, () => { const p = c.parameters.shift?.() ; return `'${String((c.parameters as unknown[]) && p)}'`; })).execute(db);
    out.push(name + ': ' + rows.rows.map((r: any) => r.detail).join(' | '));
  };
  const ids = ['x1', 'x2'];
  await plan('among', db.selectFrom('articles').select(['id']).where('articles.id', 'in', ids).where('articles.status', '=', 'published').orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(6));
  await time('among rare ids', () => R.findNewestPublishedAmong(db, ['x', 'y', 'z', 'w', 'v'], 6));
  await time('walk big+section', () => R.findNewestInSectionAndTags(db, { sectionId: sections[0]!.id, frequentTagIds: [tags[0]!.id] }, 6));
  await time('walk big only', () => R.findNewestInSectionAndTags(db, { sectionId: null, frequentTagIds: [tags[0]!.id] }, 6));
  await time('walk section only', () => R.findNewestInSectionAndTags(db, { sectionId: sections[0]!.id, frequentTagIds: [] }, 6));
  await time('sample', () => R.sampleTaggedArticles(db, [tags[0]!.id, tags[2]!.id], 201));
  const r = await lookUpReaderArticle(db, 'a20007');
  out.push(JSON.stringify(r.kind === 'published' ? r.article.related.map((x) => x.slug) : r));
  const e = await lookUpReaderArticle(db, 'a4011');
  out.push(JSON.stringify(e.kind === 'published' ? e.article.related.map((x) => x.slug) : e));
  fs.writeFileSync('/tmp/artout/scale.txt', out.join('\n'));
  await database.close();
});
