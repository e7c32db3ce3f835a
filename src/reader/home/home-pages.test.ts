import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addArticles, addSection, TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import { type Article, runWorkflow } from '../../capabilities/articles/index.js';
import { arrangeFrontPage, getFrontPage } from '../../capabilities/front-page/index.js';
import { updateSetting } from '../../capabilities/settings/index.js';
import { articlePath } from '../../capabilities/site/index.js';
import { fixedClock } from '../../platform/clock.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';

/** Where each string first appears in the page, so tests can check order; -1 fails loudly. */
function positions(body: string, texts: string[]): number[] {
  return texts.map((text) => {
    const at = body.indexOf(text);
    if (at < 0) throw new Error(`"${text}" is not on the page`);
    return at;
  });
}

const ascending = (list: number[]) => list.every((v, i) => i === 0 || v > list[i - 1]!);

/** The page without its Latest list, which names the newest articles whatever else shows them. */
const withoutLatest = (body: string) => body.replace(/<section class="latest"[\s\S]*?<\/section>/, '');

describeEachDialect('front page of an empty paper', (t) => {
  it('says the paper is empty and how staff add the first article, under the masthead and footer from settings', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    await updateSetting(t.database.db, clock, 'publication.name', 'The Morning <Ledger>');
    await updateSetting(
      t.database.db,
      clock,
      'publication.copyright_holder',
      'The Morning Ledger Company, LLC',
    );
    await updateSetting(t.database.db, clock, 'publication.footer_notice', 'May not be reproduced.');
    // A section and a draft are not "something published": the paper is still empty to readers.
    const world = await addSection(t.database.db, clock, { name: 'World' });
    await addArticle(t.database.db, clock, { headline: 'Unpublished draft', section: world.id, draft: true });
    const { app } = await buildTestApp(t.database, { clock });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toMatch(/^<!doctype html><html lang="en-US">/);
    // Text typed by staff is escaped, never markup.
    expect(res.body).toContain('<title>The Morning &lt;Ledger></title>');
    expect(res.body).toContain('The Morning &lt;Ledger> has no articles yet</h1>');
    expect(res.body).toContain('<code>/api/admin/v1</code>');
    expect(res.body).toContain('<a href="/api/admin/v1/openapi.json">');
    expect(res.body).toContain('<code>npx masthead import PATH</code>');
    expect(res.body).not.toContain('Unpublished draft');
    expect(res.body).toContain('© 2026 The Morning Ledger Company, LLC. All rights reserved.');
    expect(res.body).toContain('May not be reproduced.');
    expect(res.body).toContain('<main id="content"');
    expect(res.headers['surrogate-key']).toBe(`${CacheKey.site} ${CacheKey.home}`);
  });
});

describeEachDialect('front page', (t) => {
  async function paper() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World', position: 2 });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    // Editors put Business before World, though it was made later.
    const business = await addSection(db, clock, { name: 'Business', position: 1 });
    const empty = await addSection(db, clock, { name: 'Opinion', position: 3 });
    const w = await addArticles(db, clock, 5, { prefix: 'World news', section: world.id });
    const e = await addArticles(db, clock, 2, { prefix: 'Europe news', section: europe.id });
    const b = await addArticles(db, clock, 6, { prefix: 'Business news', section: business.id });
    clock.advance(60_000);
    await addArticle(db, clock, { headline: 'Draft news', section: world.id, draft: true });
    const { app } = await buildTestApp(t.database, { clock });
    return { app, clock, world, europe, business, empty, w, e, b };
  }

  it('shows the five newest as top stories, then each top section in editors order without repeats', async () => {
    const { app, world, business, w, e, b } = await paper();
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    const body = withoutLatest(res.body);
    const top = [
      'Business news 6',
      'Business news 5',
      'Business news 4',
      'Business news 3',
      'Business news 2',
    ];
    const businessBlock = ['Business news 1'];
    // World's block takes its subsection Europe's articles too, newest first, four of them.
    const worldBlock = ['Europe news 2', 'Europe news 1', 'World news 5', 'World news 4'];
    expect(ascending(positions(body, ['Top stories', ...top]))).toBe(true);
    expect(
      ascending(
        positions(body, [
          top.at(-1)!,
          '>Business</a></h2>',
          ...businessBlock,
          '>World</a></h2>',
          ...worldBlock,
        ]),
      ),
    ).toBe(true);
    for (const headline of ['World news 3', 'World news 1', 'Draft news'])
      expect(body).not.toContain(headline);
    // Each article once: the top stories are not repeated in their section's block.
    expect(body.split('Business news 6<').length).toBe(2);
    // A section with nothing to show gets no empty block.
    expect(body).not.toContain('Opinion');
    expect(body).toContain(`<a href="/section/world">World</a>`);

    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys).toContain(CacheKey.home);
    for (const a of [...b.slice(1), ...e, w[4]!, w[3]!]) expect(keys).toContain(CacheKey.article(a.id));
    expect(keys).not.toContain(CacheKey.article(w[0]!.id));
    expect(keys).toContain(CacheKey.section(world.id));
    expect(keys).toContain(CacheKey.section(business.id));
  });

  it('shows each card with section label, headline link, dek, byline links and the publication time', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const europe = await addSection(db, clock, { name: 'Europe', parentId: world.id });
    await addArticle(db, clock, {
      headline: 'Leaders <script>alert(1)</script> meet',
      dek: 'A "dek" & more',
      section: europe.id,
      authors: ['Marta Kowalczyk', 'Tomás Ferreira', 'Grace Okafor'],
    });
    const { app } = await buildTestApp(t.database, { clock });
    const body = (await app.inject('/')).body;
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain(
      `<a href="${articlePath({ slug: 'leaders-script-alert-1-script-meet', firstPublishedAt: '2026-11-16T09:00:00.000Z' }, 'America/New_York')}">Leaders &lt;script>alert(1)&lt;/script> meet</a>`,
    );
    expect(body).toContain('<p class="dek">A &quot;dek&quot; &amp; more</p>');
    expect(body).toContain('<a href="/section/world/europe">Europe</a>');
    expect(body).toContain(
      'By <a href="/by/marta-kowalczyk">Marta Kowalczyk</a>, <a href="/by/tomas-ferreira">Tomás Ferreira</a>, and <a href="/by/grace-okafor">Grace Okafor</a>',
    );
    expect(body).toContain('<time datetime="2026-11-16T09:00:00.000Z">November 16, 2026</time>');
  });

  it('gives the page its canonical address and ignores a ?page it does not use', async () => {
    const { app } = await paper();
    const res = await app.inject('/?page=abc');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<link rel="canonical" href="https://news.example/"/>');
    expect(res.body).not.toContain('rel="next"');
  });
});

describeEachDialect('front page top stories picked by editors', (t) => {
  async function paper() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World', position: 1 });
    const business = await addSection(db, clock, { name: 'Business', position: 2 });
    const w = await addArticles(db, clock, 5, { prefix: 'World news', section: world.id });
    const b = await addArticles(db, clock, 6, { prefix: 'Business news', section: business.id });
    const draft = await addArticle(db, clock, { headline: 'Embargoed news', section: world.id, draft: true });
    clock.advance(60_000);
    const { app, deps } = await buildTestApp(t.database, { clock });
    /** Sets the picks the way an editor's save does: one transaction, then this process's purges. */
    const pick = async (articles: Article[]) => {
      const { revision } = await getFrontPage(db);
      await writeThenPurge(deps, (trx) =>
        arrangeFrontPage(trx, clock, TEST_EDITOR, { revision, articleIds: articles.map((a) => a.id) }),
      );
    };
    return { app, deps, clock, world, business, w, b, draft, pick };
  }

  /** The headlines of the top stories block, in page order. */
  function topStories(body: string): string[] {
    const block = body.slice(body.indexOf('class="top-stories"'), body.indexOf('</section>'));
    return [...block.matchAll(/<h2 class="headline"><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]!);
  }

  it('shows the live picks in the editors order, fills up with the newest, and does not repeat them below', async () => {
    const { app, w, b, draft, pick } = await paper();
    await pick([w[0]!, draft, b[0]!]);
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    // The draft is skipped: World news 1 and Business news 1 lead, then the newest others.
    expect(topStories(res.body)).toEqual([
      'World news 1',
      'Business news 1',
      'Business news 6',
      'Business news 5',
      'Business news 4',
    ]);
    expect(res.body).not.toContain('Embargoed news');
    // Section blocks leave out what the top stories show.
    expect(
      ascending(
        positions(withoutLatest(res.body), [
          '>World</a></h2>',
          'World news 5',
          'World news 4',
          'World news 3',
          'World news 2',
          '>Business</a></h2>',
          'Business news 3',
          'Business news 2',
        ]),
      ),
    ).toBe(true);
    expect(withoutLatest(res.body).split('World news 1<').length).toBe(2);
    expect(withoutLatest(res.body).split('Business news 1<').length).toBe(2);
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys).toContain(CacheKey.home);
    expect(keys).toContain(CacheKey.article(w[0]!.id));
    expect(keys).toContain(CacheKey.article(b[0]!.id));
    expect(keys).not.toContain(CacheKey.article(draft.id));
  });

  it('shows the first five live picks; the rest wait, and move up when one above is unpublished', async () => {
    const { app, deps, clock, w, b, draft, pick } = await paper();
    await pick([draft, w[0]!, w[1]!, w[2]!, b[0]!, b[1]!, b[2]!]);
    expect(topStories((await app.inject('/')).body)).toEqual([
      'World news 1',
      'World news 2',
      'World news 3',
      'Business news 1',
      'Business news 2',
    ]);
    expect((await app.inject('/')).headers['x-cache']).toBe('hit');

    // Unpublishing a pick purges the page (its card's key): the next pick takes its place.
    await writeThenPurge(deps, (trx) =>
      runWorkflow(trx, clock, TEST_EDITOR, w[1]!.id, 'unpublish', { revision: w[1]!.revision }),
    );
    expect(topStories((await app.inject('/')).body)).toEqual([
      'World news 1',
      'World news 3',
      'Business news 1',
      'Business news 2',
      'Business news 3',
    ]);

    // The embargoed draft, picked first, leads the page once published.
    await writeThenPurge(deps, (trx) =>
      runWorkflow(trx, clock, TEST_EDITOR, draft.id, 'publish', { revision: draft.revision }),
    );
    expect(topStories((await app.inject('/')).body)).toEqual([
      'Embargoed news',
      'World news 1',
      'World news 3',
      'Business news 1',
      'Business news 2',
    ]);
  });

  it('skips a picked article that was deleted', async () => {
    const { app, deps, w, pick } = await paper();
    await pick([w[0]!, w[1]!]);
    await deps.database.db.deleteFrom('articles').where('id', '=', w[0]!.id).execute();
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(topStories(res.body)).toEqual([
      'World news 2',
      'Business news 6',
      'Business news 5',
      'Business news 4',
      'Business news 3',
    ]);
    expect(withoutLatest(res.body)).not.toContain('World news 1<');
  });

  it('serves the new order on the very next request after an editor saves it', async () => {
    const { app, deps, w, b } = await paper();
    expect(topStories((await app.inject('/')).body)[0]).toBe('Business news 6');
    const cached = await app.inject('/');
    expect(cached.headers['x-cache']).toBe('hit');

    const { headers } = await signedInAs(deps, 'editor');
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/admin/v1/front-page',
      headers,
      payload: { revision: 1, articleIds: [w[2]!.id, b[1]!.id, w[0]!.id] },
    });
    expect(saved.statusCode).toBe(200);
    const next = await app.inject('/');
    expect(next.headers['x-cache']).toBe('miss');
    expect(topStories(next.body)).toEqual([
      'World news 3',
      'Business news 2',
      'World news 1',
      'Business news 6',
      'Business news 5',
    ]);

    // Clearing the list hands the top stories back to the newest, as live.
    await app.inject({
      method: 'PUT',
      url: '/api/admin/v1/front-page',
      headers,
      payload: { revision: 2, articleIds: [] },
    });
    expect(topStories((await app.inject('/')).body)).toEqual([
      'Business news 6',
      'Business news 5',
      'Business news 4',
      'Business news 3',
      'Business news 2',
    ]);
  });
});
