import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addArticles, addSection } from '../../../test/support/reader-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { CacheKey } from '../../platform/http/cache-keys.js';

/** The headlines of the cards on a page, in order. */
function headlines(body: string): string[] {
  return [...body.matchAll(/<li class="card">.*?<h2><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]!);
}

describeEachDialect('section pages', (t) => {
  async function paper() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World', description: 'News from <every> capital.' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id, position: 2 });
    const africa = await addSection(db, clock, { name: 'Africa', parentId: world.id, position: 1 });
    const business = await addSection(db, clock, { name: 'Business' });
    await addArticles(db, clock, 2, { prefix: 'World news', section: world.id });
    await addArticles(db, clock, 2, { prefix: 'Europe news', section: europe.id });
    await addArticles(db, clock, 1, { prefix: 'Business news', section: business.id });
    clock.advance(60_000);
    await addArticle(db, clock, { headline: 'Draft news', section: world.id, draft: true });
    const { app } = await buildTestApp(t.database, { clock });
    return { app, clock, world, europe, africa, business };
  }

  it('lists its subsections and the articles of the section and all below it, newest first', async () => {
    const { app, world, europe, africa } = await paper();
    const res = await app.inject('/section/world');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>World - Masthead</title>');
    expect(res.body).toContain('<h1>World</h1>');
    expect(res.body).toContain('News from &lt;every> capital.');
    expect(res.body).toContain('<meta name="description" content="News from &lt;every> capital."/>');
    // Subsections in the editors' order: Africa (position 1) before Europe (position 2).
    expect(res.body).toMatch(
      /<nav class="subsections sans" aria-label="Sections in World"><ul><li><a href="\/section\/world\/africa">Africa<\/a><\/li><li><a href="\/section\/world\/europe">Europe<\/a><\/li><\/ul><\/nav>/,
    );
    expect(headlines(res.body)).toEqual(['Europe news 2', 'Europe news 1', 'World news 2', 'World news 1']);
    // Cards from a subsection carry its label; cards from this section do not repeat it.
    expect(
      res.body.match(/class="section-label"><a href="\/section\/world\/europe">Europe<\/a>/g),
    ).toHaveLength(2);
    expect(res.body).not.toContain('class="section-label"><a href="/section/world">');
    expect(res.body).not.toContain('Draft news');
    expect(res.body).not.toContain('Business news');
    expect(res.body).toContain('<link rel="canonical" href="https://news.example/section/world"/>');
    expect(res.body).not.toContain('rel="next"');
    expect(res.body).not.toContain('class="pagination');

    const keys = String(res.headers['surrogate-key']).split(' ');
    for (const s of [world, europe, africa]) expect(keys).toContain(CacheKey.section(s.id));
    expect(keys.filter((k) => k.startsWith('article:'))).toHaveLength(4);
  });

  it('shows a subsection with a way back up to its parent', async () => {
    const { app } = await paper();
    const res = await app.inject('/section/world/europe');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<nav class="breadcrumbs sans"');
    expect(res.body).toContain('<a href="/section/world">World</a>');
    expect(headlines(res.body)).toEqual(['Europe news 2', 'Europe news 1']);
  });

  it('says so when nothing is published in a section yet', async () => {
    const { app } = await paper();
    const res = await app.inject('/section/world/africa');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nothing has been published in Africa yet.');
  });

  it('is a 404 page for sections that do not exist', async () => {
    const { app } = await paper();
    for (const url of [
      '/section/nowhere',
      '/section/world/nowhere',
      '/section/',
      '/section/world/',
      '/section',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('<main id="content"');
    }
    const long = await app.inject(`/section/${'a/'.repeat(2000)}b`);
    expect(long.statusCode).toBe(404);
  });
});

describeEachDialect('section page pagination', (t) => {
  async function longSection() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const world = await addSection(t.database.db, clock, { name: 'World' });
    await addArticles(t.database.db, clock, 45, { prefix: 'Item', section: world.id });
    const { app } = await buildTestApp(t.database, { clock });
    return app;
  }

  it('pages by 20, newest first, with rel=prev/next in the head and a visible nav', async () => {
    const app = await longSection();
    const first = await app.inject('/section/world');
    expect(headlines(first.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Item ${45 - i}`));
    expect(first.body).toContain('<link rel="canonical" href="https://news.example/section/world"/>');
    expect(first.body).toContain('<link rel="next" href="https://news.example/section/world?page=2"/>');
    expect(first.body).not.toContain('<link rel="prev"');
    expect(first.body).toContain('<a href="/section/world?page=2" rel="next">');

    const second = await app.inject('/section/world?page=2');
    expect(second.statusCode).toBe(200);
    expect(headlines(second.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Item ${25 - i}`));
    expect(second.body).toContain('<title>World (page 2) - Masthead</title>');
    expect(second.body).toContain('<link rel="canonical" href="https://news.example/section/world?page=2"/>');
    // Page 1's address has no ?page.
    expect(second.body).toContain('<link rel="prev" href="https://news.example/section/world"/>');
    expect(second.body).toContain('<link rel="next" href="https://news.example/section/world?page=3"/>');
    expect(second.body).toContain('<a href="/section/world" rel="prev">');
    expect(second.body).toContain('<span aria-current="page">Page 2</span>');

    const last = await app.inject('/section/world?page=3');
    expect(headlines(last.body)).toEqual(['Item 5', 'Item 4', 'Item 3', 'Item 2', 'Item 1']);
    expect(last.body).not.toContain('rel="next"');
    expect(last.body).toContain('<link rel="prev" href="https://news.example/section/world?page=2"/>');

    // ?page=1 is page 1, and says its address is the one without ?page.
    const one = await app.inject('/section/world?page=1');
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('<link rel="canonical" href="https://news.example/section/world"/>');
  });

  it('is a 404 page, never a 500, for page numbers that are not pages', async () => {
    const app = await longSection();
    const bad = ['4', '99999', '100000000000000000000', 'abc', '0', '-1', '1.5', '2e1', '', ' 2', '02'];
    for (const page of bad) {
      const res = await app.inject(`/section/world?page=${page}`);
      expect(res.statusCode, page).toBe(404);
      expect(res.headers['content-type'], page).toBe('text/html; charset=utf-8');
    }
    // A NUL character is refused before any route (platform/http/nul-guard.ts): the site's 400 page.
    const nul = await app.inject('/section/world?page=%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.headers['content-type']).toBe('text/html; charset=utf-8');
    const twice = await app.inject('/section/world?page=1&page=2');
    expect(twice.statusCode).toBe(404);
    const extra = await app.inject('/section/world?utm_source=newsletter');
    expect(extra.statusCode).toBe(200);
  });
});
