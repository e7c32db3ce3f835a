import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addArticles, addSection } from '../../../test/support/reader-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { CacheKey } from '../../platform/http/cache-keys.js';

function headlines(body: string): string[] {
  return [...body.matchAll(/<li class="card">.*?<h2><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]!);
}

describeEachDialect('tag pages', (t) => {
  async function paper() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const business = await addSection(db, clock, { name: 'Business' });
    await addArticles(db, clock, 2, {
      prefix: 'Climate world',
      section: world.id,
      tags: ['Climate <Change>'],
    });
    await addArticles(db, clock, 1, {
      prefix: 'Climate business',
      section: business.id,
      tags: ['Climate <Change>'],
    });
    await addArticles(db, clock, 1, { prefix: 'Untagged', section: world.id });
    clock.advance(60_000);
    await addArticle(db, clock, {
      headline: 'Draft climate',
      section: world.id,
      tags: ['Climate <Change>'],
      draft: true,
    });
    await addArticle(db, clock, {
      headline: 'Secret merger',
      section: business.id,
      tags: ['Project Falcon'],
      draft: true,
    });
    const { app } = await buildTestApp(t.database, { clock });
    return { app, clock, world, business };
  }

  it('lists the published articles carrying the tag, newest first, with their sections', async () => {
    const { app, world, business } = await paper();
    const res = await app.inject('/tag/climate-change');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Climate &lt;Change> - Masthead</title>');
    expect(res.body).toContain('<h1>Climate &lt;Change></h1>');
    expect(headlines(res.body)).toEqual(['Climate business 1', 'Climate world 2', 'Climate world 1']);
    expect(res.body).toContain('<a href="/section/business">Business</a>');
    expect(res.body).not.toContain('Draft climate');
    expect(res.body).toContain('<link rel="canonical" href="https://news.example/tag/climate-change"/>');
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys.filter((k) => k.startsWith('tag:'))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith('article:'))).toHaveLength(3);
    expect(keys).toContain(CacheKey.section(world.id));
    expect(keys).toContain(CacheKey.section(business.id));
  });

  it('is a 404 for unknown tags and for tags only drafts carry, so a draft is not given away', async () => {
    const { app } = await paper();
    for (const url of ['/tag/nothing', '/tag/project-falcon', '/tag/', `/tag/${'x'.repeat(90)}`]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).not.toContain('Project Falcon');
    }
  });

  it('pages by 20 and 404s past the last page and for bad page numbers', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const world = await addSection(t.database.db, clock, { name: 'World' });
    await addArticles(t.database.db, clock, 21, { prefix: 'Item', section: world.id, tags: ['Floods'] });
    const { app } = await buildTestApp(t.database, { clock });
    const first = await app.inject('/tag/floods');
    expect(headlines(first.body)).toHaveLength(20);
    expect(first.body).toContain('<link rel="next" href="https://news.example/tag/floods?page=2"/>');
    const second = await app.inject('/tag/floods?page=2');
    expect(headlines(second.body)).toEqual(['Item 1']);
    expect(second.body).toContain('<link rel="prev" href="https://news.example/tag/floods"/>');
    for (const page of ['3', 'abc', '0', '-2']) {
      expect((await app.inject(`/tag/floods?page=${page}`)).statusCode, page).toBe(404);
    }
  });
});
