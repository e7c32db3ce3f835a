import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { editAndUpdate } from '../../../test/support/article-edits.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { createArticle, runWorkflow } from '../articles/index.js';
import { createAuthor } from '../authors/index.js';
import { createSection } from '../sections/index.js';
import { updateSetting } from '../settings/index.js';
import type { Actor } from '../staff/index.js';
import { AI_CRAWLERS } from './crawler.js';

const actor: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };
const ARTICLE_URL = 'https://news.example/2026/11/15/summit-ends-b';

async function seed(db: Db) {
  const clock = fixedClock('2026-11-15T12:00:00Z');
  await updateSetting(db, clock, 'publication.name', 'The Morning <Ledger>');
  return db.transaction().execute(async (trx) => {
    const section = await createSection(trx, clock, actor, { name: 'World' });
    const jane = await createAuthor(trx, clock, actor, { name: 'Jane <Doe>' });
    const sam = await createAuthor(trx, clock, actor, { name: 'Sam Roe' });
    const draft = await createArticle(trx, clock, actor, {
      headline: `Summit ends <b>&"'`,
      dek: 'Leaders <i>agree</i> & leave',
      section: section.id,
      authorIds: [jane.id, sam.id],
      bodyMarkdown: 'Text.',
    });
    const article = await runWorkflow(trx, clock, actor, draft.id, 'publish', { revision: draft.revision });
    await createArticle(trx, clock, actor, {
      headline: 'Not yet out',
      section: section.id,
      authorIds: [jane.id],
      bodyMarkdown: 'Draft.',
    });
    return { article, jane };
  });
}

const oembed = (url: string, extra = '') => `/oembed?url=${encodeURIComponent(url)}${extra}`;

describeEachDialect('robots.txt', (t) => {
  it('by default keeps AI crawlers out, the API closed to all, and names the sitemap', async () => {
    const { app } = await buildTestApp(t.database);
    const res = await app.inject('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['surrogate-key']).toBe('site');
    expect(res.body).toContain('User-agent: *\nDisallow: /api/\n');
    for (const agent of AI_CRAWLERS) expect(res.body).toContain(`User-agent: ${agent}\n`);
    expect(res.body).toContain('User-agent: cohere-ai\nDisallow: /\n');
    expect(res.body).toMatch(/needs upkeep/);
    expect(res.body.trimEnd().split('\n').at(-1)).toBe('Sitemap: https://news.example/sitemap.xml');
  });

  it('lets AI crawlers in when allowed and appends the extra lines from settings', async () => {
    const clock = fixedClock('2026-11-15T12:00:00Z');
    await updateSetting(t.database.db, clock, 'crawlers.ai_training', 'allow');
    await updateSetting(
      t.database.db,
      clock,
      'crawlers.robots_extra',
      'User-agent: ExampleBot\nDisallow: /private/',
    );
    // Refused since issue 12 (F7), but a row stored before may hold line breaks.
    await t.database.db
      .insertInto('settings')
      .values({
        key: 'publication.name',
        value: JSON.stringify('Ledger\nUser-agent: *\nAllow: /api/'),
        updated_at: '2026-11-15T12:00:00Z',
        updated_by: null,
      })
      .execute();
    const { app } = await buildTestApp(t.database, { env: { PUBLIC_URL: 'https://example.org/news/' } });
    const res = await app.inject('/robots.txt');
    expect(res.body).not.toContain('GPTBot');
    expect(res.body).toContain('User-agent: ExampleBot\nDisallow: /private/\n');
    // A name with line breaks stays inside its comment line.
    expect(res.body).toContain('# robots.txt for Ledger User-agent: * Allow: /api/\n');
    expect(res.body).toContain('Disallow: /news/api/\n');
    expect(res.body).toContain('Sitemap: https://example.org/news/sitemap.xml\n');
  });

  it('refuses a preset other than allow or block', async () => {
    const clock = fixedClock('2026-11-15T12:00:00Z');
    await expect(
      updateSetting(t.database.db, clock, 'crawlers.ai_training', 'sometimes'),
    ).rejects.toMatchObject({
      code: 'SETTING_INVALID',
      details: { field: 'crawlers.ai_training' },
    });
  });
});

describeEachDialect('TDM reservation', (t) => {
  it('is reserved by default, in tdmrep.json and on every reader response, cached or not', async () => {
    await seed(t.database.db);
    const { app } = await buildTestApp(t.database);
    const json = await app.inject('/.well-known/tdmrep.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toEqual([{ location: '/*', 'tdm-reservation': 1 }]);
    for (const url of [
      '/',
      '/robots.txt',
      '/robots.txt',
      '/feed.xml',
      '/no/such/page',
      ARTICLE_URL.slice(20),
    ]) {
      const res = await app.inject(url);
      expect(res.headers['tdm-reservation'], url).toBe('1');
      expect(res.headers['tdm-policy'], url).toBeUndefined();
    }
    const admin = await app.inject('/api/admin/v1/settings');
    expect(admin.headers['tdm-reservation']).toBeUndefined();
  });

  it('names the policy as an absolute address, and says 0 when rights are not reserved', async () => {
    const clock = fixedClock('2026-11-15T12:00:00Z');
    await updateSetting(t.database.db, clock, 'rights.tdm_policy_url', '/legal/tdm-policy');
    const reserved = (await buildTestApp(t.database)).app;
    expect((await reserved.inject('/.well-known/tdmrep.json')).json()).toEqual([
      { location: '/*', 'tdm-reservation': 1, 'tdm-policy': 'https://news.example/legal/tdm-policy' },
    ]);
    expect((await reserved.inject('/')).headers['tdm-policy']).toBe('https://news.example/legal/tdm-policy');

    await updateSetting(t.database.db, clock, 'rights.tdm_reservation', 0);
    const open = (await buildTestApp(t.database)).app;
    expect((await open.inject('/.well-known/tdmrep.json')).json()).toEqual([
      { location: '/*', 'tdm-reservation': 0 },
    ]);
    const page = await open.inject('/');
    expect(page.headers['tdm-reservation']).toBe('0');
    expect(page.headers['tdm-policy']).toBeUndefined();
  });

  it('follows a settings change on the very next response, cached pages included', async () => {
    const { app, deps } = await buildTestApp(t.database);
    await app.inject('/');
    const cached = await app.inject('/');
    expect([cached.headers['x-cache'], cached.headers['tdm-reservation']]).toEqual(['hit', '1']);
    // As the settings API does: the change and its purge in one transaction, the purge applied after.
    await t.database.db
      .transaction()
      .execute((trx) => updateSetting(trx, deps.clock, 'rights.tdm_reservation', 0));
    await deps.purges.sync();
    for (const url of ['/', '/', '/no/such/page']) {
      expect((await app.inject(url)).headers['tdm-reservation'], url).toBe('0');
    }
  });
});

describeEachDialect('oEmbed', (t) => {
  it('answers for a published article with an escaped card', async () => {
    const { article, jane } = await seed(t.database.db);
    const { app } = await buildTestApp(t.database);
    const res = await app.inject(oembed(ARTICLE_URL, '&format=json&maxwidth=400'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['surrogate-key']).toContain(`article:${article.id}`);
    expect(res.headers['surrogate-key']).toContain(`author:${jane.id}`);
    const body = res.json();
    expect(body).toMatchObject({
      version: '1.0',
      type: 'rich',
      title: `Summit ends <b>&"'`,
      author_name: 'Jane <Doe>, Sam Roe',
      author_url: 'https://news.example/by/jane-doe',
      provider_name: 'The Morning <Ledger>',
      provider_url: 'https://news.example/',
      width: 400,
      height: 250,
    });
    expect(body.html).toMatch(
      /^<blockquote class="masthead-embed" cite="https:\/\/news\.example\/2026\/11\/15\/summit-ends-b"/,
    );
    expect(body.html).toContain(
      '<a href="https://news.example/2026/11/15/summit-ends-b">Summit ends &lt;b>&amp;&quot;\'</a>',
    );
    expect(body.html).toContain('<p>Leaders &lt;i>agree&lt;/i> &amp; leave</p>');
    expect(body.html).toContain('By Jane &lt;Doe>, Sam Roe');
    expect(body.html).not.toMatch(/<(b|i|script)>/);
  });

  it('recognises an address with the slug the article had before a rename', async () => {
    const { article } = await seed(t.database.db);
    const clock = fixedClock('2026-11-16T08:00:00Z');
    await t.database.db
      .transaction()
      .execute((trx) => editAndUpdate(trx, clock, actor, article, { slug: 'summit-renamed' }));
    const { app } = await buildTestApp(t.database);
    const res = await app.inject(oembed(ARTICLE_URL));
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toContain('href="https://news.example/2026/11/15/summit-renamed"');
  });

  it('answers 404 in JSON for addresses that are not published articles here', async () => {
    await seed(t.database.db);
    const { app } = await buildTestApp(t.database);
    for (const url of [
      'https://news.example/2026/11/15/not-yet-out',
      'https://news.example/2020/01/01/summit-ends-b',
      'https://elsewhere.example/2026/11/15/summit-ends-b',
      'http://news.example/2026/11/15/summit-ends-b',
      'https://news.example/section/world',
      'https://news.example/2026/11/15/%E0%A4%A',
      'not a url',
      'javascript:alert(1)',
    ]) {
      const res = await app.inject({ url: oembed(url), headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('NOT_FOUND');
    }
  });

  it('refuses XML with 501 and a missing or malformed parameter with 400, in JSON', async () => {
    await seed(t.database.db);
    const { app } = await buildTestApp(t.database);
    const xml = await app.inject(oembed(ARTICLE_URL, '&format=xml'));
    expect(xml.statusCode).toBe(501);
    expect(xml.json().error).toMatchObject({
      code: 'OEMBED_FORMAT_UNSUPPORTED',
      details: { field: 'format' },
    });
    const missing = await app.inject('/oembed');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const width = await app.inject(oembed(ARTICLE_URL, '&maxwidth=wide'));
    expect(width.statusCode).toBe(400);
    expect(width.json().error.details.problems[0].field).toBe('maxwidth');
  });
});
