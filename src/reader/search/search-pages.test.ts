import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addSection } from '../../../test/support/search-fixtures.js';
import { articlePath } from '../../capabilities/site/index.js';
import { fixedClock } from '../../platform/clock.js';
import { CacheKey } from '../../platform/http/cache-keys.js';

describeEachDialect('search page', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');

  async function paper() {
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    clock.set('2026-11-10T09:00:00Z');
    const strike = await addArticle(db, clock, {
      headline: 'Harbour strike <ends> & talks resume',
      dek: 'Dockers return',
      section: europe.id,
      authors: ['Ann Lee', 'Bo Chen'],
      body: 'The port reopened on Monday after a week of talks.',
    });
    clock.set('2026-11-12T09:00:00Z');
    const fund = await addArticle(db, clock, {
      headline: 'Budget cuts',
      section: world.id,
      body: 'The harbour fund loses a third of its money.',
    });
    await addArticle(db, clock, { headline: 'Harbour draft', section: world.id, draft: true });
    clock.set('2026-11-16T09:00:00Z');
    const { app, deps } = await buildTestApp(t.database, { clock });
    return { app, deps, world, europe, strike, fund };
  }

  it('shows a labelled search form that works without JavaScript, and nothing else before a search', async () => {
    const { app } = await paper();
    const res = await app.inject('/search');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain(
      '<h1 id="search-heading">Search the archive</h1><search aria-labelledby="search-heading"><form class="search-form sans" method="get" action="/search">',
    );
    expect(res.body).toContain(
      '<input type="search" id="search-q" name="q" value maxlength="200" aria-labelledby="search-heading" aria-describedby="search-hint"/>',
    );
    // One heading and one name for the field, said once: no second "Search" heading or label (issue 14).
    expect(res.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(res.body).not.toContain('<label for="search-q">');
    expect(res.body).not.toContain('<h1>Search</h1>');
    expect(res.body).toContain('<p id="search-hint" class="search-hint">');
    expect(res.body).toContain('<label for="search-section">Section</label>');
    expect(res.body).toContain('<option value="world/europe">World › Europe</option>');
    expect(res.body).toContain('<input type="date" id="search-from" name="from" value/>');
    expect(res.body).toContain('<meta name="robots" content="noindex, follow"/>');
    expect(res.body).not.toContain('class="search-count"');
    expect(res.headers['surrogate-key']).toBe(`${CacheKey.site} ${CacheKey.search}`);
  });

  it('lists ranked results with matched words in <mark>, escaped, linked, with bylines and dates', async () => {
    const { app, strike, fund } = await paper();
    const res = await app.inject('/search?q=harbour');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('2 articles for “harbour”');
    expect(body).toContain('<title>Search: harbour - ');
    // Headline match first; staff-typed text is escaped around the marks.
    const first = body.indexOf(
      articlePath({ slug: strike.slug, firstPublishedAt: strike.firstPublishedAt }, 'UTC'),
    );
    const second = body.indexOf(
      articlePath({ slug: fund.slug, firstPublishedAt: fund.firstPublishedAt }, 'UTC'),
    );
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(body).toContain('<mark>Harbour</mark> strike &lt;ends> &amp; talks resume');
    expect(body).toContain('The <mark>harbour</mark> fund loses a third of its money.');
    expect(body).toContain('<a href="/by/ann-lee">Ann Lee</a> and <a href="/by/bo-chen">Bo Chen</a>');
    expect(body).toContain('<a href="/section/world/europe">Europe</a>');
    expect(body).toContain('<time datetime="2026-11-10T09:00:00.000Z">November 10, 2026</time>');
    expect(body).not.toContain('Harbour draft');
    expect(String(res.headers['surrogate-key']).split(' ').sort()).toEqual(
      [CacheKey.site, CacheKey.search, CacheKey.article(strike.id), CacheKey.article(fund.id)].sort(),
    );
  });

  it('escapes the reader’s query wherever it is shown', async () => {
    const { app } = await paper();
    const q = '<script>alert("x")</script> harbour';
    const res = await app.inject(`/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('value="&lt;script>alert(&quot;x&quot;)&lt;/script> harbour"');
    expect(res.body).toContain('for “&lt;script>alert(&quot;x&quot;)&lt;/script> harbour”');
  });

  it('says so when nothing matches, and when the query has no words', async () => {
    const { app } = await paper();
    const none = await app.inject('/search?q=zeppelin');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('0 articles for “zeppelin”');
    expect(none.body).toContain('No articles match your search.');
    const empty = await app.inject(`/search?q=${encodeURIComponent('?!*"')}`);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Your search has no words to look for.');
  });

  it('applies filters, keeps them in the form, and offers to drop the author', async () => {
    const { app, europe, strike } = await paper();
    const res = await app.inject(
      '/search?q=harbour&section=world/europe&author=ann-lee&from=2026-11-01&to=2026-11-30',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('1 article for “harbour” in Europe');
    expect(res.body).toContain('<option value="world/europe" selected>World › Europe</option>');
    expect(res.body).toContain('<input type="date" id="search-from" name="from" value="2026-11-01"/>');
    expect(res.body).toContain('<input type="hidden" name="author" value="ann-lee"/>');
    expect(res.body).toContain(
      '<a href="/search?q=harbour&amp;section=world%2Feurope&amp;from=2026-11-01&amp;to=2026-11-30">Search every author</a>',
    );
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys).toContain(CacheKey.section(europe.id));
    expect(keys).toContain(CacheKey.author(strike.authors[0]!.id));
    expect(keys).toContain(CacheKey.article(strike.id));
    const byWorld = await app.inject('/search?q=harbour&section=world');
    expect(byWorld.body).toContain('2 articles for “harbour” in World');
  });

  it('ignores a filter that makes no sense, with a notice, rather than failing', async () => {
    const { app } = await paper();
    const cases = [
      ['section=no/such', 'There is no such section'],
      ['author=nobody', 'There is no such author'],
      ['from=yesterday', 'The start date is not a date'],
      ['to=2026-13-45', 'The end date is not a date'],
      ['from=2026-12-01&to=2026-01-01', 'The end date is before the start date'],
    ] as const;
    for (const [query, notice] of cases) {
      const res = await app.inject(`/search?q=harbour&${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(res.body).toContain(notice);
      expect(res.body).toContain('2 articles for “harbour”');
    }
  });

  it('pages with rel=prev/next, and a page that does not exist is a 404', async () => {
    const { db } = t.database;
    const s = await addSection(db, clock, { name: 'Coast' });
    for (let i = 1; i <= 25; i++) {
      clock.advance(60_000);
      await addArticle(db, clock, { headline: `Tide report ${i}`, section: s.id });
    }
    const { app } = await buildTestApp(t.database, { clock });
    const one = await app.inject('/search?q=tide');
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('25 articles for “tide”');
    expect(one.body).toContain('<link rel="next" href="/search?q=tide&amp;page=2"/>');
    expect(one.body).toContain('<a href="/search?q=tide&amp;page=2" rel="next">Next →</a>');
    expect(one.body).toContain('Page 1 of 2');
    expect(one.body).not.toContain('rel="prev"');
    expect(one.body).toContain('<ol class="card-list search-results" start="1">');
    const two = await app.inject('/search?q=tide&page=2');
    expect(two.statusCode).toBe(200);
    expect(two.body).toContain('<link rel="prev" href="/search?q=tide"/>');
    expect(two.body).toContain('<a href="/search?q=tide" rel="prev">← Previous</a>');
    expect(two.body).toContain('<ol class="card-list search-results" start="21">');
    expect(two.body.match(/<li class="card">/g)).toHaveLength(5);
    for (const page of ['3', '99999', 'abc', '0', '-1', '1.5', '', '1e3']) {
      const res = await app.inject(`/search?q=tide&page=${page}`);
      expect(res.statusCode, page).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Page not found');
    }
    // With nothing found there is one (empty) page, not a 404.
    expect((await app.inject('/search?q=zeppelin&page=1')).statusCode).toBe(200);
  });

  it('answers absurd input with a page, never an error', async () => {
    const { app } = await paper();
    const inputs = [
      'x'.repeat(10_000),
      '" OR 1=1 --',
      "'; drop table articles; --",
      'NEAR(',
      '*',
      '"unbalanced',
      '😀🎉',
      'שלום עולם',
      '\u202Eharbour',
      '%00harbour',
    ];
    for (const q of inputs) {
      const res = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q.slice(0, 30)).toBe(200);
      expect(res.body).toContain('<form class="search-form');
    }
    const long = await app.inject(`/search?q=${'harbour%20'.repeat(1000)}`);
    expect(long.body).toContain('Only the first 200 characters and 12 words of a search are used.');
    expect(long.body).toContain('2 articles for “');
    // Repeated parameters are read, not refused.
    const twice = await app.inject('/search?q=harbour&q=budget&section=world&section=x');
    expect(twice.statusCode).toBe(200);
    expect(twice.body).toContain('2 articles for “harbour” in World');
    const odd = await app.inject('/search?q[a]=1&section[]=x&utm_source=mail');
    expect(odd.statusCode).toBe(200);
  });

  it('serves from the page cache, and the next request after a publish shows the new article', async () => {
    const { app, deps, world } = await paper();
    const first = await app.inject('/search?q=heron');
    expect(first.body).toContain('0 articles for “heron”');
    expect(first.headers['x-cache']).toBe('miss');
    expect((await app.inject('/search?q=heron')).headers['x-cache']).toBe('hit');
    await addArticle(t.database.db, clock, { headline: 'Heron nests counted', section: world.id });
    await deps.purges.sync();
    const after = await app.inject('/search?q=heron');
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body).toContain('1 article for “heron”');
    expect(after.body).toContain('<mark>Heron</mark> nests counted');
  });
});
