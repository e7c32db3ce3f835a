import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { runImport } from '../../cli/import-command.js';
import type { Deps } from '../../deps.js';
import { fixedClock, systemClock } from '../../platform/clock.js';
import { buildWorker } from '../../worker.js';
import { samplePhoto } from '../media/index.js';

const api = '/api/admin/v1';
const quiet = { info() {}, warn() {}, error() {} };
const CAPTION = 'Ships at the quay, Monday.';
const CREDIT = 'Agency/Photographer Name';
const ALT = 'Two ships at a stone quay';

/**
 * Issue 11: the lead photo's figure, caption and credit are on the page, in the feeds, the JSON-LD
 * and the image sitemap from the first request after the article goes live, before the worker has
 * made the photo's variants; once they land the pages showing the photo are purged and re-rendered
 * with the full responsive picture.
 */
describeEachDialect('the lead photo on the first request', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-figure-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** The figure as the first render must show it: the photo, its room reserved, caption and credit. */
  function expectFigure(body: string): string {
    const figure = body.match(/<figure class="lead-figure">[\s\S]*?<\/figure>/)?.[0];
    expect(figure, 'the page has no lead figure').toBeDefined();
    const img = figure!.match(/<img [^>]*>/)![0];
    expect(img).toMatch(/ src="\/media\/[0-9a-f]{20}-960\.jpg"/);
    expect(img).toContain(' width="960"');
    expect(img).toContain(' height="600"');
    expect(img).toContain(` alt="${ALT}"`);
    expect(figure).toContain(
      `<figcaption><span class="caption">${CAPTION}</span> <span class="credit">${CREDIT}</span></figcaption>`,
    );
    // Never a <source> with nothing in it while only the fallback exists.
    expect(figure).not.toContain('srcset=""');
    return img.match(/ src="([^"]+)"/)![1]!;
  }

  /** Feeds, the page's JSON-LD and the image sitemap carry the photo with its credit. */
  async function expectMachinesCarryThePhoto(page: string): Promise<void> {
    const jsonLd = JSON.parse(page.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!);
    const article = Array.isArray(jsonLd) ? jsonLd[0] : jsonLd;
    expect(article.image).toMatchObject({
      url: expect.stringMatching(/^https:\/\/news\.example\/media\/[0-9a-f]{20}-960\.jpg$/),
      creditText: CREDIT,
      caption: CAPTION,
    });
    const rss = await app.inject('/feed.xml');
    expect(rss.body).toMatch(/<media:content url="https:\/\/news\.example\/media\/[0-9a-f]{20}-960\.jpg"/);
    expect(rss.body).toContain(`<media:credit role="photographer">${CREDIT}</media:credit>`);
    const atom = await app.inject('/feed.atom');
    expect(atom.body).toContain(`<media:credit role="photographer">${CREDIT}</media:credit>`);
    const json = (await app.inject('/feed.json')).json();
    expect(json.items[0].image).toMatch(/-960\.jpg$/);
    expect(json.items[0]._masthead).toMatchObject({ image_credit: CREDIT, image_caption: CAPTION });
    const sitemap = await app.inject('/sitemaps/articles-2026-11.xml');
    expect(sitemap.body).toMatch(
      /<image:loc>https:\/\/news\.example\/media\/[0-9a-f]{20}-960\.jpg<\/image:loc>/,
    );
    expect(sitemap.body).toContain(`Photo: ${CREDIT}`);
  }

  /** The worker's own job run (no sleep), then the purges it committed, as the web process follows them. */
  async function variantsLand(): Promise<void> {
    expect(await buildWorker(deps, quiet).runDue()).toBeGreaterThan(0);
    await deps.purges.sync();
  }

  /** The full picture, and the fallback at the address the first render gave out (it still exists). */
  async function expectResponsivePicture(body: string, firstSrc: string): Promise<void> {
    expect(body).toMatch(/<source type="image\/avif" srcset="[^"]*320w[^"]*960w[^"]*1600w"/);
    expect(body).toMatch(/<source type="image\/webp" srcset="[^"]*320w/);
    expect(expectFigure(body)).toBe(firstSrc);
    const file = await app.inject(firstSrc);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
  }

  it('shows the figure at once after an import, and the responsive picture once the variants land', async () => {
    // The importer runs on the system clock (it is the CLI), so its jobs are due on that clock.
    ({ app, deps } = await buildTestApp(t.database, { clock: systemClock }));
    fs.writeFileSync(path.join(folder, 'quay.jpg'), await samplePhoto({ width: 1600, height: 1000 }));
    fs.writeFileSync(
      path.join(folder, 'harbour.md'),
      [
        '---',
        'headline: Harbour Reopens',
        'section: World',
        'authors: Jane Reporter',
        'status: published',
        'published_at: 2026-11-16T08:00:00Z',
        'image: quay.jpg',
        `image_caption: ${CAPTION}`,
        `image_credit: ${CREDIT}`,
        `image_alt: ${ALT}`,
        '---',
        'The harbour reopened on Monday.',
      ].join('\n'),
    );
    const lines: string[] = [];
    const failed = await runImport(deps.database, deps.config, [folder], {
      progress() {},
      line: (text) => lines.push(text),
    });
    expect(failed, lines.join('\n')).toBe(0);

    const url = '/2026/11/16/harbour-reopens';
    const first = await app.inject(url);
    expect(first.statusCode).toBe(200);
    const src = expectFigure(first.body);
    await expectMachinesCarryThePhoto(first.body);

    await variantsLand();
    const next = await app.inject(url);
    expect(next.headers['x-cache']).toBe('miss');
    await expectResponsivePicture(next.body, src);
  });

  it('shows the figure at once after a publish, and never serves the page cached before the variants landed', async () => {
    ({ app, deps } = await buildTestApp(t.database, { clock: fixedClock('2026-11-16T09:00:00.000Z') }));
    const editor = (await signedInAs(deps, 'editor')).headers;
    await app.inject({ method: 'POST', url: `${api}/sections`, headers: editor, payload: { name: 'World' } });
    const upload = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...editor, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 1600, height: 1000 }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const mediaId = upload.json().id;
    const created = await app.inject({
      method: 'POST',
      url: `${api}/articles`,
      headers: editor,
      payload: {
        headline: 'Harbour Reopens',
        section: 'world',
        bodyMarkdown: 'The harbour reopened on Monday.',
        leadImage: { mediaId, caption: CAPTION, credit: CREDIT, alt: ALT },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const published = await app.inject({
      method: 'POST',
      url: `${api}/articles/${created.json().id}/publish`,
      headers: editor,
      payload: { revision: 1 },
    });
    expect(published.statusCode, published.body).toBe(200);

    const url = '/2026/11/16/harbour-reopens';
    const first = await app.inject(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const src = expectFigure(first.body);
    expect(first.body).not.toContain('<source type="image/avif"');
    await expectMachinesCarryThePhoto(first.body);
    // That page is cached now...
    expect((await app.inject(url)).headers['x-cache']).toBe('hit');

    // ...and goes when the variants land: the next reader gets the responsive picture.
    await variantsLand();
    const next = await app.inject(url);
    expect(next.headers['x-cache']).toBe('miss');
    await expectResponsivePicture(next.body, src);
    const rss = await app.inject('/feed.xml');
    expect(rss.headers['x-cache']).toBe('miss');
  });
});
