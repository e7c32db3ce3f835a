import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { createArticle, runWorkflow } from '../articles/index.js';
import { createAuthor } from '../authors/index.js';
import { createSection } from '../sections/index.js';
import { updateSetting } from '../settings/index.js';
import type { Actor } from '../staff/index.js';
import { ARTICLES_PER_SITEMAP } from './sitemap.js';

const actor: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };
const HEADLINE = `Talks collapse <b>&"'`;
const xml = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name),
  // Keep "2026" and the like as text, as they are written.
  parseTagValue: false,
});

type UrlEntry = {
  loc: string;
  lastmod?: string;
  'image:image'?: { 'image:loc': string }[];
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
};

function parseUrlset(body: string): UrlEntry[] {
  expect(XMLValidator.validate(body)).toBe(true);
  return xml.parse(body).urlset.url ?? [];
}

/** Articles across three months; "now" (TEST_NOW) is 2026-11-16T09:00Z. */
async function seedArchive(db: Db) {
  const clock = fixedClock('2026-09-01T00:00:00Z');
  await updateSetting(db, clock, 'publication.name', 'The Morning <Ledger>');
  await updateSetting(db, clock, 'publication.locale', 'en-GB');
  return db.transaction().execute(async (trx) => {
    const world = await createSection(trx, clock, actor, { name: 'World' });
    await createSection(trx, clock, actor, { name: 'Europe', parentId: world.id });
    const jane = await createAuthor(trx, clock, actor, { name: 'Jane Doe' });
    await createAuthor(trx, clock, actor, { name: 'Sam Roe' });
    const publish = async (at: string, input: Parameters<typeof createArticle>[3]) => {
      clock.set(at);
      const draft = await createArticle(trx, clock, actor, {
        section: world.id,
        authorIds: [jane.id],
        ...input,
      });
      return runWorkflow(trx, clock, actor, draft.id, 'publish', { revision: draft.revision });
    };
    const september = await publish('2026-09-30T23:30:00Z', {
      headline: 'Pictures of the week',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'A week in pictures.' }] },
          {
            type: 'image',
            attrs: { src: '/media/harbour.jpg', alt: 'Harbour', caption: '', credit: 'Jo Lens' },
          },
          {
            type: 'image',
            attrs: { src: 'https://img.example/a.jpg?w=1&h=2', alt: 'A', caption: '', credit: 'Agency' },
          },
          { type: 'image', attrs: { mediaId: 'not-served-yet', alt: 'B', caption: '', credit: 'Agency' } },
        ],
      },
    });
    const october = await publish('2026-10-15T12:00:00Z', {
      headline: 'October news',
      bodyMarkdown: 'Text.',
    });
    const older = await publish('2026-11-14T08:00:00Z', { headline: 'Two days ago', bodyMarkdown: 'Text.' });
    const fresh = await publish('2026-11-15T10:00:00Z', { headline: HEADLINE, bodyMarkdown: 'Text.' });
    clock.set('2026-11-15T11:00:00Z');
    await createArticle(trx, clock, actor, {
      headline: 'A draft',
      section: world.id,
      bodyMarkdown: 'Draft.',
    });
    return { september, october, older, fresh };
  });
}

describeEachDialect('sitemaps', (t) => {
  let archive: Awaited<ReturnType<typeof seedArchive>>;
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];
  beforeEach(async () => {
    archive = await seedArchive(t.database.db);
    ({ app } = await buildTestApp(t.database, { clock: fixedClock(TEST_NOW) }));
  });

  it('the index lists each month of first publication, then news, sections and authors', async () => {
    const res = await app.inject('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['surrogate-key']).toBe('site sitemaps');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const entries: { loc: string; lastmod: string }[] = xml.parse(res.body).sitemapindex.sitemap;
    expect(entries.map((e) => e.loc)).toEqual([
      'https://news.example/sitemaps/articles-2026-09.xml',
      'https://news.example/sitemaps/articles-2026-10.xml',
      'https://news.example/sitemaps/articles-2026-11.xml',
      'https://news.example/sitemaps/news.xml',
      'https://news.example/sitemaps/sections.xml',
      'https://news.example/sitemaps/authors.xml',
    ]);
    expect(entries[0]?.lastmod).toBe('2026-09-30T23:30:00.000Z');
    expect(entries[2]?.lastmod).toBe('2026-11-15T10:00:00.000Z');
  });

  it('a month sitemap lists its articles with lastmod and the images in their bodies', async () => {
    const september = parseUrlset((await app.inject('/sitemaps/articles-2026-09.xml')).body);
    // The month is the UTC one; the address carries the date in the publication's time zone (UTC here).
    expect(september).toEqual([
      {
        loc: 'https://news.example/2026/09/30/pictures-of-the-week',
        lastmod: '2026-09-30T23:30:00.000Z',
        'image:image': [
          { 'image:loc': 'https://news.example/media/harbour.jpg' },
          { 'image:loc': 'https://img.example/a.jpg?w=1&h=2' },
        ],
      },
    ]);
    const november = parseUrlset((await app.inject('/sitemaps/articles-2026-11.xml')).body);
    expect(november.map((u) => u.loc)).toEqual([
      'https://news.example/2026/11/14/two-days-ago',
      'https://news.example/2026/11/15/talks-collapse-b',
    ]);
    expect(november[0]?.['image:image']).toBeUndefined();
  });

  it('the news sitemap holds only articles first published in the last 48 hours', async () => {
    const res = await app.inject('/sitemaps/news.xml');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<news:title>Talks collapse &lt;b&gt;&amp;"\'</news:title>');
    const urls = parseUrlset(res.body);
    expect(urls).toEqual([
      {
        loc: 'https://news.example/2026/11/15/talks-collapse-b',
        'news:news': {
          'news:publication': { 'news:name': 'The Morning <Ledger>', 'news:language': 'en' },
          'news:publication_date': '2026-11-15T10:00:00.000Z',
          'news:title': HEADLINE,
        },
      },
    ]);
    expect(archive.older.firstPublishedAt).toBe('2026-11-14T08:00:00.000Z');
  });

  it('sections and authors sitemaps list the list pages worth crawling', async () => {
    const sections = parseUrlset((await app.inject('/sitemaps/sections.xml')).body);
    expect(sections.map((u) => u.loc)).toEqual([
      'https://news.example/',
      'https://news.example/section/world',
      'https://news.example/section/world/europe',
    ]);
    expect(sections[1]?.lastmod).toBe('2026-11-15T10:00:00.000Z');
    // Europe has no articles of its own: its own creation time stands.
    expect(sections[2]?.lastmod).toBe('2026-09-01T00:00:00.000Z');
    const authors = parseUrlset((await app.inject('/sitemaps/authors.xml')).body);
    // Sam Roe has no published article and is left out.
    expect(authors.map((u) => u.loc)).toEqual(['https://news.example/by/jane-doe']);
  });

  it('names that are not sitemaps, and months or pages without articles, are 404', async () => {
    for (const url of [
      '/sitemaps/articles-2026-12.xml',
      '/sitemaps/articles-2026-11-2.xml',
      '/sitemaps/articles-2026-11-1.xml',
      '/sitemaps/articles-2026-13.xml',
      '/sitemaps/articles-2026-1.xml',
      '/sitemaps/articles-abc.xml',
      '/sitemaps/articles-2026-11.xml.gz',
      '/sitemaps/other.xml',
      `/sitemaps/${'x'.repeat(60)}.xml`,
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describeEachDialect('sitemaps of a large month', (t) => {
  it(`splits a month past ${ARTICLES_PER_SITEMAP} articles into numbered pages`, async () => {
    const total = ARTICLES_PER_SITEMAP + 2;
    // Inserted directly: publishing a thousand articles through the service would only slow the test.
    const rows = Array.from({ length: total }, (_, i) => {
      const at = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString();
      return {
        id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        slug: `article-${i}`,
        status: 'published',
        headline: `Article ${i}`,
        dek: '',
        dateline: '',
        body: '{"type":"doc","content":[{"type":"paragraph"}]}',
        body_text: '',
        public_text: '',
        access: 'metered',
        section_id: null,
        lead_image: null,
        seo_headline: '',
        seo_description: '',
        byline_suffix: '',
        word_count: 0,
        reading_minutes: 1,
        revision: 1,
        created_by: null,
        created_at: at,
        saved_at: at,
        first_published_at: at,
        published_at: at,
        modified_at: null,
        scheduled_at: null,
        unpublished_at: null,
      };
    });
    for (let i = 0; i < rows.length; i += 200) {
      await t.database.db
        .insertInto('articles')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const { app } = await buildTestApp(t.database);
    const index = xml.parse((await app.inject('/sitemap.xml')).body).sitemapindex.sitemap as {
      loc: string;
    }[];
    expect(index.map((e) => e.loc).slice(0, 2)).toEqual([
      'https://news.example/sitemaps/articles-2026-10.xml',
      'https://news.example/sitemaps/articles-2026-10-2.xml',
    ]);
    const first = parseUrlset((await app.inject('/sitemaps/articles-2026-10.xml')).body);
    const second = parseUrlset((await app.inject('/sitemaps/articles-2026-10-2.xml')).body);
    expect(first).toHaveLength(ARTICLES_PER_SITEMAP);
    expect(second.map((u) => u.loc)).toEqual([
      `https://news.example/2026/10/01/article-${total - 2}`,
      `https://news.example/2026/10/01/article-${total - 1}`,
    ]);
    expect((await app.inject('/sitemaps/articles-2026-10-3.xml')).statusCode).toBe(404);
  });
});
