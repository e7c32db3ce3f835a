import type { FastifyInstance } from 'fastify';
import Parser from 'rss-parser';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { buildWorker } from '../../worker.js';
import { samplePhoto } from '../media/index.js';

const api = '/api/admin/v1';
const quiet = { info() {}, warn() {}, error() {} };

describeEachDialect('lead photos, the photo check and publish-to-live', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Record<string, string>;
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    editor = (await signedInAs(deps, 'editor')).headers;
    await app.inject({ method: 'POST', url: `${api}/sections`, headers: editor, payload: { name: 'World' } });
  });

  const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method: method as 'GET', url: `${api}${url}`, headers, ...(payload ? { payload } : {}) });

  async function uploadPhoto(): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...editor, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 1000, height: 600 }),
    });
    expect(res.statusCode, res.body).toBe(201);
    await buildWorker(deps, quiet).runDue();
    return res.json().id;
  }

  it('refuses to publish an uncredited lead photo, naming it, unless an editor overrides with a reason', async () => {
    const mediaId = await uploadPhoto();
    const reporter = await signedInAs(deps, 'reporter');
    const created = await call('POST', '/articles', reporter.headers, {
      headline: 'Harbour Reopens',
      section: 'world',
      bodyMarkdown: 'The harbour reopened on Monday.',
      leadImage: { mediaId, caption: 'Ships at the quay, Monday.' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    let res = await call('POST', `/articles/${id}/publish`, reporter.headers, { revision: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'NOT_PUBLISHABLE', details: { field: 'leadImage' } });
    expect(res.json().error.message).toContain('the lead photo has no credit and no alt text');

    res = await call('POST', `/articles/${id}/publish`, reporter.headers, {
      revision: 1,
      overrideReason: 'deadline',
    });
    expect(res.statusCode).toBe(403);

    res = await call('POST', `/articles/${id}/publish`, editor, {
      revision: 1,
      overrideReason: 'Agency credit confirmed by phone',
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = (await call('GET', `/articles/${id}/revisions`, editor)).json().items;
    expect(history[0]).toMatchObject({ action: 'publish' });
    expect(history[0].note).toContain('Agency credit confirmed by phone');

    const bad = await call('PATCH', `/articles/${id}`, editor, {
      revision: 2,
      leadImage: { mediaId: 'no-such-photo' },
    });
    expect(bad.json().error).toMatchObject({
      code: 'ARTICLE_INVALID',
      details: { field: 'leadImage.mediaId' },
    });
  });

  it('shows the credited lead photo as a responsive picture, in the JSON-LD, and serves edits on the next request', async () => {
    const mediaId = await uploadPhoto();
    await call('PATCH', `/media/${mediaId}`, editor, {
      credit: 'Agency/Photographer Name',
      altText: 'Ships at the quay',
    });
    const created = await call('POST', '/articles', editor, {
      headline: 'Harbour Reopens',
      section: 'world',
      bodyMarkdown: 'The harbour reopened on Monday.',
      leadImage: { mediaId, caption: 'Ships at the quay, Monday.' },
    });
    const id = created.json().id;
    const published = await call('POST', `/articles/${id}/publish`, editor, { revision: 1 });
    expect(published.statusCode, published.body).toBe(200);

    const url = '/2026/11/16/harbour-reopens';
    const page = await app.inject(url);
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.body).toMatch(/<source type="image\/avif" srcset="[^"]*320w/);
    expect(page.body).toContain('<span class="credit">Agency/Photographer Name</span>');
    expect(page.body).toContain('Ships at the quay, Monday.');
    const jsonLd = JSON.parse(page.body.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!);
    const article = Array.isArray(jsonLd) ? jsonLd[0] : jsonLd;
    expect(article.image).toMatchObject({ creditText: 'Agency/Photographer Name' });
    expect((await app.inject(url)).headers['x-cache']).toBe('hit');

    // The credit travels with the photo into feeds and the image sitemap.
    const rss = await app.inject('/feed.xml');
    expect(rss.body).toContain('<media:credit role="photographer">Agency/Photographer Name</media:credit>');
    const parsed = await new Parser({ customFields: { item: ['media:content'] } }).parseString(rss.body);
    expect(parsed.items[0]?.title).toBe('Harbour Reopens');
    const json = (await app.inject('/feed.json')).json();
    expect(json.items[0]._masthead).toEqual({
      image_credit: 'Agency/Photographer Name',
      image_caption: 'Ships at the quay, Monday.',
    });
    const atom = await app.inject('/feed.atom');
    expect(atom.body).toContain('<media:credit role="photographer">Agency/Photographer Name</media:credit>');
    const sitemap = await app.inject('/sitemaps/articles-2026-11.xml');
    expect(sitemap.body).toMatch(/<image:loc>https:\/\/news\.example\/media\/[^<]+\.jpg<\/image:loc>/);
    expect(sitemap.body).toContain('Photo: Agency/Photographer Name');

    // Publish-to-live: the edit, once Update puts it live, is served on the very next request, and so
    // is a correction.
    await call('PATCH', `/articles/${id}`, editor, { revision: 2, headline: 'Harbour Reopens After Storm' });
    expect((await app.inject(url)).body).not.toContain('Harbour Reopens After Storm');
    await call('POST', `/articles/${id}/update`, editor, { revision: 3 });
    const edited = await app.inject(url);
    expect(edited.headers['x-cache']).toBe('miss');
    expect(edited.body).toContain('Harbour Reopens After Storm');
    await call('POST', `/articles/${id}/corrections`, editor, {
      kind: 'correction',
      text: 'The harbour reopened on Monday, not Sunday.',
    });
    expect((await app.inject(url)).body).toContain('not Sunday');
    // Unpublished: gone at once.
    await call('POST', `/articles/${id}/unpublish`, editor, { revision: 4 });
    expect((await app.inject(url)).statusCode).toBe(410);
  });
});
