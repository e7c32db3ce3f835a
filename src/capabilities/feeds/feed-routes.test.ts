import Parser from 'rss-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { addCorrection, createArticle, runWorkflow } from '../articles/index.js';
import { createAuthor } from '../authors/index.js';
import { createSection } from '../sections/index.js';
import { updateSetting } from '../settings/index.js';
import type { Actor } from '../staff/index.js';

const actor: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };
const HEADLINE = `Leaders meet <b>&"'`;

const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: { item: [['dc:creator', 'creators', { keepArray: true }], 'updated'] },
});

/** A small paper: sections world, world/europe and sports; three published articles, one draft. */
async function seedPaper(db: Db) {
  const clock = fixedClock('2026-11-10T12:00:00Z');
  await updateSetting(db, clock, 'publication.name', 'The Morning <Ledger>');
  await updateSetting(db, clock, 'publication.timezone', 'America/New_York');
  await updateSetting(db, clock, 'publication.copyright_holder', 'Ledger & Co');
  return db.transaction().execute(async (trx) => {
    const world = await createSection(trx, clock, actor, { name: 'World' });
    const europe = await createSection(trx, clock, actor, { name: 'Europe', parentId: world.id });
    const sports = await createSection(trx, clock, actor, { name: 'Sports' });
    const jane = await createAuthor(trx, clock, actor, { name: 'Jane Doe' });
    const sam = await createAuthor(trx, clock, actor, { name: 'Sam Roe' });
    const publish = async (at: string, input: Parameters<typeof createArticle>[3]) => {
      clock.set(at);
      const draft = await createArticle(trx, clock, actor, input);
      return runWorkflow(trx, clock, actor, draft.id, 'publish', { revision: draft.revision });
    };
    const free = await publish('2026-11-14T12:00:00Z', {
      headline: HEADLINE,
      dek: 'A dek with <i>markup</i> & more',
      dateline: 'KYIV, Ukraine —',
      section: europe.id,
      authorIds: [jane.id],
      tags: ['Diplomacy'],
      access: 'free',
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Opening paragraph <script>alert(1)</script> with ' },
              { type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: '/section/world' } }] },
            ],
          },
          {
            type: 'image',
            attrs: {
              src: '/media/summit.jpg',
              alt: 'The summit',
              caption: 'At the summit.',
              credit: 'Agency/Jo Lens',
            },
          },
        ],
      },
    });
    const metered = await publish('2026-11-15T12:00:00Z', {
      headline: 'Cup final tonight',
      dek: 'Metered dek',
      section: sports.id,
      authorIds: [sam.id],
      access: 'metered',
      bodyMarkdown: 'Secret metered body text.',
    });
    const walled = await publish('2026-11-16T08:00:00Z', {
      headline: 'Members briefing',
      dek: 'Registration dek',
      section: world.id,
      authorIds: [jane.id, sam.id],
      access: 'registration',
      bodyMarkdown: 'Members only body text.',
    });
    clock.set('2026-11-16T08:30:00Z');
    await createArticle(trx, clock, actor, {
      headline: 'Unpublished draft',
      section: world.id,
      authorIds: [jane.id],
      bodyMarkdown: 'Draft text.',
    });
    await addCorrection(trx, clock, actor, free.id, {
      kind: 'correction',
      text: 'An earlier version misstated the <venue>.',
    });
    return { world, europe, sports, jane, sam, free, metered, walled };
  });
}

describeEachDialect('reader feeds', (t) => {
  let paper: Awaited<ReturnType<typeof seedPaper>>;
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  beforeEach(async () => {
    paper = await seedPaper(t.database.db);
    ({ app } = await buildTestApp(t.database));
  });

  it('RSS 2.0: newest first, full text only for free articles, escaped headline, bylines and categories', async () => {
    const res = await app.inject('/feed.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.body).toContain('Leaders meet &lt;b&gt;&amp;"\'');
    const feed = await parser.parseString(res.body);
    expect(feed.title).toBe('The Morning <Ledger>');
    expect(feed.link).toBe('https://news.example/');
    expect(feed.items.map((i) => i.title)).toEqual(['Members briefing', 'Cup final tonight', HEADLINE]);
    const [walled, metered, free] = feed.items;
    // America/New_York: 12:00 UTC on 14 November is still the 14th there.
    expect(free?.link).toMatch(/^https:\/\/news\.example\/2026\/11\/14\/leaders-meet-b$/);
    expect(free?.guid).toBe(`urn:uuid:${paper.free.id}`);
    expect(free?.['content:encoded']).toContain('<strong>KYIV, Ukraine —</strong> Opening paragraph');
    // Text typed by staff stays text: Preact escapes "<" (">" is harmless in text) and no tag survives.
    expect(free?.['content:encoded']).toContain('Opening paragraph &lt;script>alert(1)&lt;/script> with');
    expect(free?.['content:encoded']).not.toContain('<script');
    expect(free?.['content:encoded']).toContain('<a href="https://news.example/section/world">a link</a>');
    expect(free?.['content:encoded']).toContain(
      '<img src="https://news.example/media/summit.jpg" alt="The summit"',
    );
    expect(free?.['content:encoded']).toContain('<small>Agency/Jo Lens</small>');
    expect(free?.content).toBe('A dek with &lt;i&gt;markup&lt;/i&gt; &amp; more');
    expect(free?.creators).toEqual(['Jane Doe']);
    expect(free?.categories).toEqual([
      { _: 'Europe', $: { domain: 'https://news.example/section/world/europe' } },
      { _: 'Diplomacy', $: { domain: 'https://news.example/tag/diplomacy' } },
    ]);
    expect(free?.isoDate).toBe('2026-11-14T12:00:00.000Z');
    expect(metered?.['content:encoded']).toBeUndefined();
    expect(metered?.content).toBe('Metered dek');
    expect(walled?.creators).toEqual(['Jane Doe', 'Sam Roe']);
    expect(res.body).not.toContain('Secret metered body text');
    expect(res.body).not.toContain('Members only body text');
    expect(res.body).not.toContain('Unpublished draft');
    expect(res.body).toContain('<copyright>© 2026 Ledger &amp; Co. All rights reserved.</copyright>');
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys).toEqual(
      expect.arrayContaining(['site', 'feeds', `article:${paper.free.id}`, `author:${paper.sam.id}`]),
    );
  });

  it('Atom 1.0: text titles, html content for free articles, summaries otherwise', async () => {
    const res = await app.inject('/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.body).toContain('<title type="text">Leaders meet &lt;b&gt;&amp;"\'</title>');
    const feed = await parser.parseString(res.body);
    expect(feed.title).toBe('The Morning <Ledger>');
    expect(feed.items.map((i) => i.title)).toEqual(['Members briefing', 'Cup final tonight', HEADLINE]);
    const free = feed.items[2];
    expect(free?.id).toBe(`urn:uuid:${paper.free.id}`);
    expect(free?.link).toMatch(/^https:\/\/news\.example\/2026\/11\/14\/leaders-meet-b$/);
    expect(free?.content).toContain('<strong>KYIV, Ukraine —</strong> Opening paragraph');
    expect(free?.summary).toBe('A dek with <i>markup</i> & more');
    expect(free?.author).toBe('Jane Doe');
    // The correction moved the article's modified time past its first publication.
    expect(free?.pubDate).toBe('2026-11-14T12:00:00.000Z');
    expect(free?.updated).toBe('2026-11-16T08:30:00.000Z');
    expect(feed.items[1]?.content).toBeUndefined();
    expect(feed.items[1]?.summary).toBe('Metered dek');
    expect(res.body).not.toContain('Secret metered body text');
  });

  it('JSON Feed 1.1: version, content_html vs summary by access, authors and tags', async () => {
    const res = await app.inject('/feed.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    expect(res.body).not.toContain('<b>');
    const feed = JSON.parse(res.body);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://news.example/feed.json');
    expect(feed.language).toBe('en-US');
    const [walled, metered, free] = feed.items;
    expect(free.title).toBe(HEADLINE);
    expect(free.content_html).toContain('Opening paragraph &lt;script>alert(1)&lt;/script>');
    expect(free.summary).toBe('A dek with <i>markup</i> & more');
    expect(free.date_published).toBe('2026-11-14T12:00:00.000Z');
    expect(free.date_modified).toBe('2026-11-16T08:30:00.000Z');
    expect(free.authors).toEqual([{ name: 'Jane Doe', url: 'https://news.example/by/jane-doe' }]);
    expect(free.tags).toEqual(['Europe', 'Diplomacy']);
    expect(metered.content_html).toBe('<p>Metered dek</p>');
    expect(walled.authors.map((a: { name: string }) => a.name)).toEqual(['Jane Doe', 'Sam Roe']);
  });

  it('section feeds include subsections; author feeds follow the byline', async () => {
    const world = await parser.parseString((await app.inject('/section/world/feed.xml')).body);
    expect(world.title).toBe('World - The Morning <Ledger>');
    expect(world.link).toBe('https://news.example/section/world');
    expect(world.items.map((i) => i.title)).toEqual(['Members briefing', HEADLINE]);

    const europe = await app.inject('/section/world/europe/feed.atom');
    expect(europe.statusCode).toBe(200);
    expect((await parser.parseString(europe.body)).items.map((i) => i.title)).toEqual([HEADLINE]);
    expect(europe.headers['surrogate-key']).toContain(`section:${paper.europe.id}`);

    const sam = await app.inject('/by/sam-roe/feed.json');
    expect(sam.statusCode).toBe(200);
    const samFeed = JSON.parse(sam.body);
    expect(samFeed.title).toBe('Sam Roe - The Morning <Ledger>');
    expect(samFeed.home_page_url).toBe('https://news.example/by/sam-roe');
    expect(samFeed.items.map((i: { title: string }) => i.title)).toEqual([
      'Members briefing',
      'Cup final tonight',
    ]);
    expect(sam.headers['surrogate-key']).toContain(`author:${paper.sam.id}`);
  });

  it('the corrections feed links each correction to its article', async () => {
    const res = await app.inject('/corrections/feed.xml');
    expect(res.statusCode).toBe(200);
    const feed = await parser.parseString(res.body);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.title).toBe(`Correction: ${HEADLINE}`);
    expect(feed.items[0]?.link).toMatch(/^https:\/\/news\.example\/2026\/11\/14\/leaders-meet-b$/);
    expect(feed.items[0]?.content).toBe('An earlier version misstated the &lt;venue&gt;.');
    expect(res.headers['surrogate-key']).toContain(`article:${paper.free.id}`);
  });

  it('unknown sections, authors and formats are 404 pages, never 500', async () => {
    for (const url of [
      '/section/nowhere/feed.xml',
      '/section/world/nowhere/feed.json',
      '/section/%25/feed.xml',
      '/section/World/feed.xml',
      '/section/a/b/c/d/e/f/g/feed.xml',
      '/by/nobody/feed.atom',
      '/by/%20jane-doe/feed.atom',
      '/feed.rss',
      '/feed.',
      '/by/jane-doe/feed.html',
      `/feed.${'x'.repeat(60)}`,
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
    }
  });
});

describe('feed of an empty paper', () => {
  describeEachDialect('no articles', (t) => {
    it('is still a valid feed in every format', async () => {
      const { app } = await buildTestApp(t.database);
      const rss = await parser.parseString((await app.inject('/feed.xml')).body);
      expect(rss.items).toEqual([]);
      const atom = await parser.parseString((await app.inject('/feed.atom')).body);
      expect(atom.items).toEqual([]);
      expect(JSON.parse((await app.inject('/feed.json')).body).items).toEqual([]);
    });
  });
});
