import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addPhotoArticle } from '../../../test/support/front-page-fixtures.js';
import { addSection, TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import type { Article } from '../../capabilities/articles/index.js';
import { arrangeFrontPage, getFrontPage } from '../../capabilities/front-page/index.js';
import { updateSetting } from '../../capabilities/settings/index.js';
import { articlePath } from '../../capabilities/site/index.js';
import { fixedClock } from '../../platform/clock.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { writeThenPurge } from '../../platform/http/purge-log.js';
import { buildWorker } from '../../worker.js';

const quiet = { info() {}, warn() {}, error() {} };

/** The first element of the page with this opening tag, up to its closing tag (no nesting of the same tag). */
function element(body: string, open: string, tag: string): string {
  const at = body.indexOf(open);
  if (at < 0) throw new Error(`${open} is not on the page`);
  return body.slice(at, body.indexOf(`</${tag}>`, at) + tag.length + 3);
}

const count = (body: string, text: string) => body.split(text).length - 1;

/** The headings of the section blocks, in page order. */
const blockHeadings = (body: string) =>
  [
    ...body.matchAll(/<h2 id="section-[^"]+" class="section-heading"><a href="[^"]+">([^<]+)<\/a><\/h2>/g),
  ].map((m) => m[1]!);

describeEachDialect('front page hierarchy', (t) => {
  /**
   * A paper in Auckland, where it is already Tuesday when it is Monday noon in London: World,
   * Business and Sport with photographed articles, Opinion with none; the editors' picks lead.
   */
  async function paper() {
    const clock = fixedClock('2026-11-16T12:00:00Z');
    const { db } = t.database;
    await updateSetting(db, clock, 'publication.timezone', 'Pacific/Auckland');
    const world = await addSection(db, clock, { name: 'World', position: 1 });
    const business = await addSection(db, clock, { name: 'Business', position: 2 });
    const sport = await addSection(db, clock, { name: 'Sport', position: 3 });
    await addSection(db, clock, { name: 'Opinion', position: 4 });
    await updateSetting(
      db,
      clock,
      'navigation.primary',
      'World | /section/world\nBusiness | /section/business\nSport | /section/sport\nOpinion | /section/opinion',
    );
    const { app, deps } = await buildTestApp(t.database, { clock });
    const made: Record<string, Article> = {};
    for (const [section, names] of [
      [world, ['W1', 'W2', 'W3']],
      [business, ['B1', 'B2', 'B3']],
      [sport, ['S1', 'S2']],
    ] as const) {
      for (const name of names) {
        clock.advance(60_000);
        made[name] = await addPhotoArticle(deps, clock, {
          headline: `${section.name} story ${name}`,
          section: section.id,
          dek: `The dek of ${name}.`,
          alt: `Photo of ${name}`,
        });
      }
    }
    await writeThenPurge(deps, async (trx) =>
      arrangeFrontPage(trx, clock, TEST_EDITOR, {
        revision: (await getFrontPage(trx)).revision,
        articleIds: ['W1', 'B1', 'S1', 'W2', 'B2'].map((n) => made[n]!.id),
      }),
    );
    return { app, deps, clock, world, business, sport, made };
  }

  it('leads with the first top story and its large photo, then thumbnails, Latest, and a block per section', async () => {
    const { app, made } = await paper();
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    const body = res.body;

    // The edition's date is the paper's day, not the server's.
    expect(body).toContain(
      '<p class="edition-date"><time datetime="2026-11-17">Tuesday, November 17, 2026</time></p>',
    );

    // One lead story: its photo is fetched first, sized before it loads, and described.
    expect(count(body, 'class="lead-story"')).toBe(1);
    const lead = element(body, '<article class="lead-story">', 'article');
    expect(lead).toContain('<h2 class="headline"><a href="');
    expect(lead).toContain('>World story W1</a></h2>');
    expect(lead).toContain('<p class="dek">The dek of W1.</p>');
    const leadImg = lead.match(/<img [^>]*>/)![0];
    expect(leadImg).toContain('fetchpriority="high"');
    expect(leadImg).not.toContain('loading="lazy"');
    expect(leadImg).toMatch(/ src="\/media\/[0-9a-f]{20}-960\.jpg"/);
    expect(leadImg).toContain(' width="960"');
    expect(leadImg).toContain(' height="640"');
    expect(leadImg).toContain(' alt="Photo of W1"');
    expect(count(body, 'fetchpriority="high"')).toBe(1);

    // The next four top stories, in the editors' order, each with a thumbnail that waits its turn.
    const secondary = element(body, '<ul class="secondary-stories">', 'ul');
    expect(
      [...secondary.matchAll(/<h2 class="headline"><a href="[^"]+">([^<]+)</g)].map((m) => m[1]),
    ).toEqual(['Business story B1', 'Sport story S1', 'World story W2', 'Business story B2']);
    const thumbs = [...secondary.matchAll(/<picture class="thumb">.*?(<img [^>]*>)/g)].map((m) => m[1]!);
    expect(thumbs).toHaveLength(4);
    for (const img of thumbs) {
      expect(img).toContain('loading="lazy"');
      expect(img).toMatch(/ width="\d+" height="\d+"/);
      expect(img).toMatch(/ alt="Photo of [A-Z]\d"/);
    }

    // The newest eight, newest first, timed in the paper's zone (01:08 on Tuesday in Auckland).
    const latest = element(body, '<section class="latest"', 'section');
    const latestHeadlines = [...latest.matchAll(/<a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(latestHeadlines).toEqual([
      'Sport story S2',
      'Sport story S1',
      'Business story B3',
      'Business story B2',
      'Business story B1',
      'World story W3',
      'World story W2',
      'World story W1',
    ]);
    expect(latest).toContain('<time datetime="2026-11-16T12:08:00.000Z">1:08 AM</time>');

    // A block per section with published articles, in the editors' order; none for Opinion. Each
    // opens with its newest story not already above, with a photo.
    expect(blockHeadings(body)).toEqual(['World', 'Business', 'Sport']);
    const worldBlock = element(body, '<ul class="block-stories">', 'ul');
    expect(worldBlock).toContain('<li class="story block-lead"><picture class="block-photo">');
    expect(worldBlock).toContain('>World story W3</a></h3>');
    expect(body.indexOf('>Business story B3</a></h3>')).toBeGreaterThan(
      body.indexOf('>World story W3</a></h3>'),
    );
    expect(body.indexOf('>Sport story S2</a></h3>')).toBeGreaterThan(
      body.indexOf('>Business story B3</a></h3>'),
    );

    // The masthead's navigation links every section with published articles, as the editors set it.
    const nav = element(body, '<nav class="site-nav" aria-label="Sections">', 'nav');
    for (const path of ['/section/world', '/section/business', '/section/sport'])
      expect(nav).toContain(`<a href="${path}">`);
    expect(body).toContain('<a href="/search">Search</a>');
    expect(body).toContain('<a href="/account/sign-in">Sign in</a>');
    expect(body).toContain('<a href="/account">Account</a>');
    // The footer repeats the sections.
    expect(element(body, '<nav class="footer-nav" aria-label="Site">', 'nav')).toContain(
      '<a href="/section/sport">Sport</a>',
    );

    // HTML and its inlined CSS, with eight photos' sources, stay within the page budget.
    expect(gzipSync(body).length).toBeLessThan(30 * 1024);

    // Every photo shown is a key of the page, so new files or a changed alt text reach it.
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys.filter((k) => k.startsWith('media:'))).toHaveLength(8);
    expect(keys).toContain(CacheKey.article(made.W1!.id));
  });

  it('hides a section an editor hides and follows the order editors set, on the next request', async () => {
    const { app, deps, sport, business } = await paper();
    const { headers } = await signedInAs(deps, 'editor');
    expect(blockHeadings((await app.inject('/')).body)).toEqual(['World', 'Business', 'Sport']);
    expect((await app.inject('/')).headers['x-cache']).toBe('hit');

    const hidden = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/sections/${sport.id}`,
      headers,
      payload: { frontPageHidden: true },
    });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toMatchObject({ name: 'Sport', frontPageHidden: true });
    const after = await app.inject('/');
    expect(after.headers['x-cache']).toBe('miss');
    expect(blockHeadings(after.body)).toEqual(['World', 'Business']);
    expect(after.body).not.toContain('>Sport story S2</a></h3>');
    // Its page stays.
    expect((await app.inject('/section/sport')).statusCode).toBe(200);

    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/sections/${business.id}`,
      headers,
      payload: { position: 0 },
    });
    expect(moved.statusCode).toBe(200);
    expect(blockHeadings((await app.inject('/')).body)).toEqual(['Business', 'World']);

    const shown = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/sections/${sport.id}`,
      headers,
      payload: { frontPageHidden: false },
    });
    expect(shown.json().frontPageHidden).toBe(false);
    expect(blockHeadings((await app.inject('/')).body)).toEqual(['Business', 'World', 'Sport']);

    // Not a yes or no: refused, nothing changed.
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/sections/${sport.id}`,
      headers,
      payload: { frontPageHidden: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const list = await app.inject({ url: '/api/admin/v1/sections', headers });
    expect(list.json().sections.find((s: { id: string }) => s.id === sport.id).frontPageHidden).toBe(false);
  });

  it('purges every page carrying the header when the navigation changes, and refuses a bad line', async () => {
    const { app, deps, made } = await paper();
    const { headers } = await signedInAs(deps, 'admin');
    const article = articlePath(made.W3!, 'Pacific/Auckland');
    for (const url of ['/', article, '/section/world']) {
      expect((await app.inject(url)).statusCode).toBe(200);
      expect((await app.inject(url)).headers['x-cache'], url).toBe('hit');
    }
    const saved = await app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers,
      payload: {
        'navigation.primary':
          'Sport | /section/sport\nWorld | /section/world\nPodcasts | https://audio.example/',
      },
    });
    expect(saved.statusCode).toBe(200);
    for (const url of ['/', article, '/section/world']) {
      const res = await app.inject(url);
      expect(res.headers['x-cache'], url).toBe('miss');
      const nav = element(res.body, '<nav class="site-nav" aria-label="Sections">', 'nav');
      expect([...nav.matchAll(/<a href="([^"]+)">([^<]+)</g)].map((m) => `${m[2]} ${m[1]}`)).toEqual([
        'Sport /section/sport',
        'World /section/world',
        'Podcasts https://audio.example/',
      ]);
    }

    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers,
      payload: { 'navigation.primary': 'World | /section/world\nSport /section/sport' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SETTINGS_INVALID');
    expect(bad.json().error.message).toContain('line 2');
    const script = await app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers,
      payload: { 'navigation.footer': 'Trap | javascript:alert(1)' },
    });
    expect(script.statusCode).toBe(400);
    expect(script.json().error.message).toContain('http(s) address or a path');
    // Nothing half-written: the navigation is the one saved before.
    expect((await app.inject('/')).body).toContain('<a href="https://audio.example/">Podcasts</a>');
  });

  it('shows a newly published article in Latest and its block on the next request', async () => {
    const { app, deps, clock, world } = await paper();
    expect((await app.inject('/')).headers['x-cache']).toBeDefined();
    expect((await app.inject('/')).headers['x-cache']).toBe('hit');
    clock.advance(60_000);
    const { headers } = await signedInAs(deps, 'editor');
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers,
      payload: { headline: 'Breaking from the World desk', section: world.id, bodyMarkdown: 'Now.' },
    });
    expect(created.statusCode).toBe(201);
    const { id, revision } = created.json();
    const published = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/articles/${id}/publish`,
      headers,
      payload: { revision },
    });
    expect(published.statusCode).toBe(200);
    const res = await app.inject('/');
    expect(res.headers['x-cache']).toBe('miss');
    const latest = element(res.body, '<section class="latest"', 'section');
    expect(latest).toMatch(
      /<li><time [^>]+>1:09 AM<\/time> <a href="[^"]+">Breaking from the World desk<\/a><\/li>/,
    );
    expect(element(res.body, '<ul class="block-stories">', 'ul')).toContain(
      '>Breaking from the World desk</a></h3>',
    );
  });
});

describeEachDialect('front page photos once the photo desk has made the sizes', (t) => {
  it('gives the lead photo its AVIF and WebP sources on the next request after the worker', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const world = await addSection(t.database.db, clock, { name: 'World' });
    const { app, deps } = await buildTestApp(t.database, { clock });
    await addPhotoArticle(deps, clock, { headline: 'Harbour reopens', section: world.id, alt: 'The quay' });
    const first = await app.inject('/');
    const lead = element(first.body, '<article class="lead-story">', 'article');
    // Only the fallback JPEG exists yet: no empty <source>.
    expect(lead).not.toContain('<source');
    expect(lead).not.toContain('srcset=""');
    expect((await app.inject('/')).headers['x-cache']).toBe('hit');

    expect(await buildWorker(deps, quiet).runDue()).toBeGreaterThan(0);
    await deps.purges.sync();
    const next = await app.inject('/');
    expect(next.headers['x-cache']).toBe('miss');
    const picture = element(next.body, '<article class="lead-story">', 'article');
    expect(picture).toMatch(/<source type="image\/avif" srcset="[^"]*320w[^"]*1200w" sizes="[^"]+"\/>/);
    expect(picture).toMatch(/<source type="image\/webp" srcset="[^"]*320w/);
    expect(picture).toMatch(/<img src="\/media\/[0-9a-f]{20}-960\.jpg" srcset="[^"]*640w[^"]*"/);
  });
});
