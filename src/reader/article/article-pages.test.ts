import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { editAndUpdate } from '../../../test/support/article-edits.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  type Article,
  addCorrection,
  createArticle,
  runWorkflow,
} from '../../capabilities/articles/index.js';
import { createAuthor } from '../../capabilities/authors/index.js';
import { createSection } from '../../capabilities/sections/index.js';
import { updateSetting } from '../../capabilities/settings/index.js';
import type { Actor } from '../../capabilities/staff/index.js';
import { fixedClock } from '../../platform/clock.js';

const OWNER: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };
const text = (t: string) => ({ type: 'text', text: t });
const para = (t: string) => ({ type: 'paragraph', content: [text(t)] });

describeEachDialect('the article page', (t) => {
  // 03:00 UTC on 16 November is still 15 November in New York: the address uses the paper's date.
  const clock = fixedClock('2026-11-16T03:00:00.000Z');
  let app: FastifyInstance;
  let world: { id: string };
  let sport: { id: string };
  let rita: { id: string };
  let gus: { id: string };

  beforeEach(async () => {
    clock.set('2026-11-16T03:00:00.000Z');
    const db = t.database.db;
    const settings: [string, string | number][] = [
      ['publication.name', 'The Morning Ledger'],
      ['publication.copyright_holder', 'The Morning Ledger Company, LLC'],
      [
        'publication.footer_notice',
        'This material may not be published, broadcast, rewritten or redistributed.',
      ],
      ['publication.timezone', 'America/New_York'],
      ['publication.logo', '/media/logo.png'],
    ];
    for (const [key, value] of settings) await updateSetting(db, clock, key, value);
    world = await createSection(db, clock, OWNER, { name: 'World' });
    sport = await createSection(db, clock, OWNER, { name: 'Sport' });
    rita = await createAuthor(db, clock, OWNER, { name: 'Rita Reporter' });
    gus = await createAuthor(db, clock, OWNER, { name: 'Gus Guest', affiliation: 'Reuters' });
    ({ app } = await buildTestApp(t.database, { clock }));
  });

  async function write(fields: Record<string, unknown>, publish = true): Promise<Article> {
    return t.database.db.transaction().execute(async (trx) => {
      const draft = await createArticle(trx, clock, OWNER, {
        headline: 'Alliance Chief Visits Capital for First Time Since War Began',
        section: world.id,
        authorIds: [rita.id],
        body: { type: 'doc', content: [para('The secretary general arrived on Sunday.')] },
        ...fields,
      } as Parameters<typeof createArticle>[3]);
      if (!publish) return draft;
      return runWorkflow(trx, clock, OWNER, draft.id, 'publish', { revision: draft.revision });
    });
  }

  const inTransaction = <T>(fn: (trx: typeof t.database.db) => Promise<T>) =>
    t.database.db.transaction().execute(fn);

  async function lead(): Promise<Article> {
    return write({
      headline: 'Alliance Chief Visits Capital for First Time Since War Began',
      dek: 'The visit signals continued support.',
      dateline: 'KYIV, Ukraine —',
      authorIds: [rita.id, gus.id],
      bylineSuffix: 'Reporting from Kyiv',
      tags: ['Diplomacy', 'Europe'],
      body: {
        type: 'doc',
        content: [
          para('The secretary general arrived on Sunday.'),
          { type: 'heading', attrs: { level: 2 }, content: [text('Talks')] },
          para('They met for three hours.'),
          { type: 'pullQuote', attrs: { attribution: 'The minister' }, content: [para('We will stay.')] },
          para('The visit ended at dusk.'),
        ],
      },
    });
  }

  it('shows every part of the reference page, in order, with the right markup', async () => {
    const older = await write({ headline: 'Earlier in World', slug: 'earlier-in-world' });
    clock.advance(3_600_000);
    const article = await lead();
    clock.advance(3_600_000);
    await inTransaction((trx) =>
      addCorrection(trx, clock, OWNER, article.id, {
        kind: 'correction',
        text: 'An earlier version misstated the hour.',
      }),
    );
    const res = await app.inject(`/2026/11/15/${article.slug}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    const parts = [
      '<header class="masthead">',
      '<p class="section-label"><a href="/section/world">World</a></p>',
      '<h1>Alliance Chief Visits Capital for First Time Since War Began</h1>',
      '<p class="dek">The visit signals continued support.</p>',
      '<p class="byline">By <a href="/by/rita-reporter" rel="author">Rita Reporter</a> and <a href="/by/gus-guest" rel="author">Gus Guest</a><span class="byline-suffix">Reporting from Kyiv</span></p>',
      'Published <time datetime="2026-11-16T04:00:00.000Z">November 15, 2026 at 11:00 PM EST</time>',
      'Updated <time datetime="2026-11-16T05:00:00.000Z">November 16, 2026 at 12:00 AM EST</time>',
      '<div class="article-body"><p><span class="dateline">KYIV, Ukraine —</span> The secretary general arrived on Sunday.</p>',
      '<div class="article-rest"><h2>Talks</h2><p>They met for three hours.</p><figure class="pull-quote">',
      '<section class="corrections" aria-labelledby="corrections-heading"><h2 id="corrections-heading">Corrections</h2>',
      '<span class="correction-kind">Correction</span>: <time datetime="2026-11-16T05:00:00.000Z">November 16, 2026</time>. An earlier version misstated the hour.',
      '<nav class="tags" aria-label="Topics"><ul><li><a href="/tag/diplomacy" rel="tag">Diplomacy</a></li><li><a href="/tag/europe" rel="tag">Europe</a></li></ul></nav>',
      `<aside class="related" aria-labelledby="related-heading"><h2 id="related-heading">Related</h2><ul class="card-list"><li class="card"><h3><a href="/2026/11/15/${older.slug}">Earlier in World</a></h3>`,
      '<footer class="site-footer">',
      '<p class="footer-name">The Morning Ledger</p>',
      '© 2026 The Morning Ledger Company, LLC. All rights reserved.',
      'Use of this site constitutes acceptance of our <a href="/legal/terms">Terms of Use</a> and <a href="/legal/privacy">Privacy Policy</a>.',
      '<p class="reproduction">This material may not be published, broadcast, rewritten or redistributed.</p>',
    ];
    let at = -1;
    for (const part of parts) {
      const found = html.indexOf(part);
      expect(found, `missing: ${part}`).toBeGreaterThan(-1);
      expect(found, `out of order: ${part}`).toBeGreaterThan(at);
      at = found;
    }
    // Landmarks and the skip link; one h1 only.
    expect(html).toContain('<a class="skip" href="#content">Skip to content</a>');
    expect(html).toContain('<main id="content" class="wrap">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('says what the page is in <head>: title, description, canonical, Open Graph, Twitter card and robots', async () => {
    const article = await write({
      headline: 'Alliance Chief Visits Capital',
      dek: 'The visit signals continued support.',
      seoHeadline: 'NATO chief in Kyiv',
      tags: ['Diplomacy', 'Europe'],
    });
    const html = (await app.inject(`/2026/11/15/${article.slug}`)).body;
    const url = `https://news.example/2026/11/15/${article.slug}`;
    for (const tag of [
      '<title>NATO chief in Kyiv - The Morning Ledger</title>',
      '<meta name="description" content="The visit signals continued support."/>',
      '<meta name="robots" content="max-image-preview:large"/>',
      `<link rel="canonical" href="${url}"/>`,
      '<meta property="og:type" content="article"/>',
      '<meta property="og:site_name" content="The Morning Ledger"/>',
      '<meta property="og:title" content="NATO chief in Kyiv"/>',
      '<meta property="og:description" content="The visit signals continued support."/>',
      `<meta property="og:url" content="${url}"/>`,
      '<meta property="article:published_time" content="2026-11-16T03:00:00.000Z"/>',
      '<meta property="article:modified_time" content="2026-11-16T03:00:00.000Z"/>',
      '<meta property="article:section" content="World"/>',
      '<meta property="article:tag" content="Diplomacy"/><meta property="article:tag" content="Europe"/>',
      '<meta name="twitter:card" content="summary"/>',
    ]) {
      expect(html).toContain(tag);
    }
    // No lead image yet: no og:image, and no "Updated" line for an article never changed.
    expect(html).not.toContain('og:image');
    expect(html).not.toContain('class="updated"');
    // seoDescription wins over the dek when set.
    const seo = await write({ headline: 'Second', dek: 'Dek.', seoDescription: 'For search.' });
    expect((await app.inject(`/2026/11/15/${seo.slug}`)).body).toContain(
      '<meta name="description" content="For search."/>',
    );
  });

  it('carries a NewsArticle JSON-LD, parsed and checked field by field', async () => {
    const article = await lead();
    clock.advance(86_400_000);
    await inTransaction((trx) =>
      addCorrection(trx, clock, OWNER, article.id, {
        kind: 'clarification',
        text: 'The talks were private.',
      }),
    );
    const html = (await app.inject(`/2026/11/15/${article.slug}`)).body;
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const ld = JSON.parse(scripts[0]?.[1] ?? '');
    const url = `https://news.example/2026/11/15/${article.slug}`;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.headline,
      description: 'The visit signals continued support.',
      url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      datePublished: '2026-11-16T03:00:00.000Z',
      dateModified: '2026-11-17T03:00:00.000Z',
      articleSection: 'World',
      keywords: ['Diplomacy', 'Europe'],
      locationCreated: { '@type': 'Place', name: 'Kyiv, Ukraine' },
      isAccessibleForFree: false,
      hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.article-rest' },
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'The Morning Ledger',
        logo: { '@type': 'ImageObject', url: 'https://news.example/media/logo.png' },
      },
      correction: [
        {
          '@type': 'CorrectionComment',
          text: 'Clarification: The talks were private.',
          datePublished: '2026-11-17T03:00:00.000Z',
        },
      ],
    });
    expect(ld.author).toEqual([
      { '@type': 'Person', name: 'Rita Reporter', url: 'https://news.example/by/rita-reporter' },
      {
        '@type': 'Person',
        name: 'Gus Guest',
        url: 'https://news.example/by/gus-guest',
        affiliation: { '@type': 'Organization', name: 'Reuters' },
      },
    ]);
    // The page really has the part hasPart names.
    expect(html).toContain('<div class="article-rest">');
  });

  it('marks free articles, and every article when the wall is off, as free', async () => {
    const free = await write({ headline: 'Free to all', access: 'free' });
    const ldOf = async (slug: string) =>
      JSON.parse(
        /<script type="application\/ld\+json">(.*?)<\/script>/.exec(
          (await app.inject(`/2026/11/15/${slug}`)).body,
        )?.[1] ?? '',
      );
    expect((await ldOf(free.slug)).isAccessibleForFree).toBe(true);
    await updateSetting(t.database.db, clock, 'wall.free_articles_per_month', 0);
    const registration = await write({ headline: 'Registration only', access: 'registration' });
    const ld = await ldOf(registration.slug);
    expect(ld.isAccessibleForFree).toBe(true);
    expect(ld).not.toHaveProperty('hasPart');
  });

  it('escapes a headline that looks like markup, in the page, the head and the JSON-LD', async () => {
    const article = await write({
      headline: '<script>alert(1)</script>',
      slug: 'markup-headline',
      dek: '"Quoted" & <b>bold</b>',
      dateline: '</script><script>alert(2)</script>',
    });
    const html = (await app.inject(`/2026/11/15/${article.slug}`)).body;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('<h1>&lt;script>alert(1)&lt;/script></h1>');
    expect(html).toContain('<title>&lt;script>alert(1)&lt;/script> - The Morning Ledger</title>');
    expect(html).toContain('<meta property="og:title" content="&lt;script>alert(1)&lt;/script>"/>');
    expect(html).toContain('<p class="dek">&quot;Quoted&quot; &amp; &lt;b>bold&lt;/b></p>');
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    expect(JSON.parse(json).headline).toBe('<script>alert(1)</script>');
  });

  it('redirects an old slug and a wrong date to the current address with 301, keeping the query', async () => {
    const article = await write({ headline: 'First headline', slug: 'first-headline' });
    clock.advance(60_000);
    await inTransaction((trx) => editAndUpdate(trx, clock, OWNER, article, { slug: 'better-headline' }));
    const current = 'https://news.example/2026/11/15/better-headline';
    const old = await app.inject('/2026/11/15/first-headline?utm_source=feed');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`${current}?utm_source=feed`);
    expect(old.headers['surrogate-key']).toContain(`article:${article.id}`);
    // The UTC date is not the paper's date: /2026/11/16 is a wrong date for this article.
    for (const wrong of [
      '/2026/11/16/better-headline',
      '/2025/01/01/better-headline',
      '/2026/11/16/first-headline',
    ]) {
      const res = await app.inject(wrong);
      expect(res.statusCode, wrong).toBe(301);
      expect(res.headers.location).toBe(current);
    }
    expect((await app.inject('/2026/11/15/better-headline')).statusCode).toBe(200);
  });

  it('answers 410 in the site design for an unpublished article', async () => {
    const article = await write({ headline: 'Withdrawn report' });
    await inTransaction((trx) =>
      runWorkflow(trx, clock, OWNER, article.id, 'unpublish', { revision: article.revision }),
    );
    const res = await app.inject(`/2026/11/15/${article.slug}`);
    expect(res.statusCode).toBe(410);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<h1>This article has been removed</h1>');
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
    expect(res.body).toContain('<footer class="site-footer">');
    expect(res.body).not.toContain('Withdrawn report');
  });

  it('answers 404 for unknown slugs, drafts, scheduled articles and addresses that are not dates', async () => {
    const draft = await write({ headline: 'Secret draft' }, false);
    const scheduled = await write({ headline: 'Not yet' }, false);
    await inTransaction((trx) =>
      runWorkflow(trx, clock, OWNER, scheduled.id, 'schedule', {
        revision: scheduled.revision,
        at: '2026-12-01T00:00:00.000Z',
      }),
    );
    for (const url of [
      '/2026/11/15/no-such-article',
      `/2026/11/15/${draft.slug}`,
      `/2026/11/16/${draft.slug}`,
      `/2026/11/15/${scheduled.slug}`,
      '/2026/1/15/no-such-article',
      '/abcd/11/15/x',
      `/2026/11/15/${'x'.repeat(90)}`,
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).not.toContain('Secret draft');
    }
    // An absurdly long address is a page that does not exist: the site's 404, not a router error in JSON.
    const long = await app.inject(`/2026/11/15/${'x'.repeat(5000)}`);
    expect(long.statusCode).toBe(404);
    expect(long.headers['content-type']).toMatch(/text\/html/);
  });

  it('lists the keys of everything it shows in Surrogate-Key', async () => {
    const related = await write({ headline: 'Related one', tags: ['Europe'], section: sport.id });
    clock.advance(60_000);
    const article = await lead();
    const res = await app.inject(`/2026/11/15/${article.slug}`);
    const keys = String(res.headers['surrogate-key']).split(' ');
    const tagIds = article.tags.map((tag) => `tag:${tag.id}`);
    for (const key of [
      'site',
      `article:${article.id}`,
      `section:${world.id}`,
      `author:${rita.id}`,
      `author:${gus.id}`,
      ...tagIds,
      `article:${related.id}`,
    ]) {
      expect(keys).toContain(key);
    }
  });

  it('lists related articles from the same section and tags, newest first, at most five, never itself or unpublished ones', async () => {
    const made: Article[] = [];
    for (let i = 1; i <= 4; i++) {
      made.push(await write({ headline: `World ${i}`, slug: `world-${i}` }));
      clock.advance(60_000);
    }
    made.push(
      await write({
        headline: 'Sport with a shared tag',
        slug: 'sport-tagged',
        section: sport.id,
        tags: ['Europe'],
      }),
    );
    clock.advance(60_000);
    await write({ headline: 'Unrelated sport', slug: 'unrelated', section: sport.id, tags: ['Football'] });
    clock.advance(60_000);
    const withdrawn = await write({ headline: 'Withdrawn world', slug: 'withdrawn' });
    await inTransaction((trx) =>
      runWorkflow(trx, clock, OWNER, withdrawn.id, 'unpublish', { revision: withdrawn.revision }),
    );
    clock.advance(60_000);
    const article = await write({ headline: 'The article', slug: 'the-article', tags: ['Europe'] });
    clock.advance(60_000);
    await write({ headline: 'World 5', slug: 'world-5' });

    const html = (await app.inject(`/2026/11/15/${article.slug}`)).body;
    const related = html.slice(html.indexOf('<aside class="related"'), html.indexOf('</aside>'));
    const headlines = [...related.matchAll(/<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
    expect(headlines).toEqual(['World 5', 'Sport with a shared tag', 'World 4', 'World 3', 'World 2']);
  });

  it('keeps an article page, HTML and CSS together, under 30 KB compressed', async () => {
    const words =
      'The delegation met ministers and officials to discuss support, supplies and the winter ahead.';
    const content = Array.from({ length: 60 }, (_, i) =>
      i % 10 === 5
        ? { type: 'heading', attrs: { level: 2 }, content: [text(`Part ${i}`)] }
        : para(`${words} ${words} ${words}`),
    );
    const article = await write({
      headline: 'A long read',
      dek: 'Long.',
      tags: ['Europe'],
      body: { type: 'doc', content },
    });
    const res = await app.inject(`/2026/11/15/${article.slug}`);
    expect(res.statusCode).toBe(200);
    expect(gzipSync(res.body).length).toBeLessThan(30 * 1024);
  });
});
