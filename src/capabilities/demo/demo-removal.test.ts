import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { openMediaStorage } from '../media/index.js';
import { updateSetting } from '../settings/index.js';
import { DEMO_ARTICLES, DEMO_SECTIONS } from './demo-articles.js';
import { DEMO_OWNER_EMAIL, seedDemoEdition } from './index.js';

const TAGS = [...new Set(DEMO_ARTICLES.flatMap((a) => a.tags))].sort();
const AUTHORS = [...new Set(DEMO_ARTICLES.map((a) => a.author))].sort();

const DEMO_WORLD = 'Alliance Chief Visits Capital for First Time Since War Began';
const DEMO_BUSINESS = 'Port Operator Bets on Electric Cranes to Cut Costs and Emissions';

describeEachDialect('the demo edition', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    ({ app, deps } = await buildTestApp(t.database, { clock }));
  });

  const seed = () => seedDemoEdition({ db: deps.database.db, clock, config: deps.config });
  const api = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: `/api/admin/v1${url}`,
      headers,
      ...(payload ? { payload } : {}),
    });
  const reader = (url: string) => app.inject({ method: 'GET', url });
  const count = async (table: 'articles' | 'sections' | 'media' | 'staff') =>
    (await t.database.db.selectFrom(table).select('id').execute()).length;

  it('is made on an empty database only: a paper’s own section, staff or settings come first', async () => {
    // An imported archive with a "World" section, no staff yet: the start that used to die here.
    const editor = await signedInAs(deps, 'editor');
    expect((await api('POST', '/sections', editor.headers, { name: 'World' })).statusCode).toBe(201);
    await t.database.db.deleteFrom('staff_sessions').execute();
    await t.database.db.deleteFrom('staff').execute();
    expect(await seed()).toBeNull();
    expect(await count('articles')).toBe(0);
    expect(await count('media')).toBe(0);
    await t.database.db.deleteFrom('sections').execute();

    await updateSetting(t.database.db, clock, 'publication.name', 'The Valley Courier');
    expect(await seed()).toBeNull();
    // Set back to the default, it is not the paper's own any more.
    await updateSetting(t.database.db, clock, 'publication.name', 'Masthead');
    const demo = await seed();
    expect(demo).toMatchObject({ ownerEmail: DEMO_OWNER_EMAIL, articles: 12, sections: 4 });
    const items = await t.database.db.selectFrom('demo_items').select(['kind']).execute();
    const kinds: Record<string, number> = {};
    for (const { kind } of items) kinds[kind] = (kinds[kind] ?? 0) + 1;
    expect(kinds).toEqual({ article: 12, photo: 12, section: 4, tag: TAGS.length, author: AUTHORS.length });
    expect(await seed()).toBeNull();

    // A front page to show: the editors' lead with its photo, every section in the navigation and a block.
    const home = (await reader('/')).body;
    const lead = home.slice(home.indexOf('<article class="lead-story">'), home.indexOf('</article>'));
    expect(lead).toContain(DEMO_WORLD);
    expect(lead).toContain('fetchpriority="high"');
    for (const section of DEMO_SECTIONS) {
      expect(home).toContain(`<li><a href="/section/${section.slug}">${section.name}</a></li>`);
      expect(home).toContain(`<a href="/section/${section.slug}">${section.name}</a></h2>`);
    }
  });

  it('removes only the demo: the paper’s own article in a demo section, with a demo photo, tag and author, stays', async () => {
    await seed();
    const owner = await signedInAs(deps, 'owner');
    const db = t.database.db;
    const world = await db
      .selectFrom('sections')
      .select(['id', 'path'])
      .where('slug', '=', 'world')
      .executeTakeFirstOrThrow();
    const business = await db
      .selectFrom('sections')
      .select('id')
      .where('slug', '=', 'business')
      .executeTakeFirstOrThrow();
    const demoArticle = await db
      .selectFrom('articles')
      .select(['id', 'lead_image'])
      .where('headline', '=', DEMO_WORLD)
      .executeTakeFirstOrThrow();
    const demoPhoto = (JSON.parse(demoArticle.lead_image!) as { mediaId: string }).mediaId;
    const marta = await db
      .selectFrom('authors')
      .select('id')
      .where('name', '=', 'Marta Kowalczyk')
      .executeTakeFirstOrThrow();
    const photoKeys = await db.selectFrom('media').select(['id', 'original_key']).execute();

    const created = await api('POST', '/articles', owner.headers, {
      headline: 'Our Own Report From the Valley',
      section: world.path,
      bodyMarkdown: 'Written by the paper itself, filed under World.',
      tags: ['Diplomacy', 'Valley'],
      authorIds: [marta.id],
      leadImage: { mediaId: demoPhoto, caption: 'Ours now', credit: 'Masthead Demo', alt: 'A dusk' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const own = created.json() as { id: string };
    const published = await api('POST', `/articles/${own.id}/publish`, owner.headers, { revision: 1 });
    expect(published.statusCode, published.body).toBe(200);
    const ownPath = '/2026/11/16/our-own-report-from-the-valley';
    const demoPath = '/2026/11/16/alliance-chief-visits-capital-for-first-time-since-war-began';
    // Warm the page cache with pages that show demo content.
    for (const url of [
      '/',
      ownPath,
      demoPath,
      '/section/world',
      '/section/business',
      '/tag/europe',
      '/feed.xml',
    ]) {
      expect((await reader(url)).statusCode, url).toBe(200);
    }

    const editor = await signedInAs(deps, 'editor');
    const refused = await api('DELETE', '/demo', editor.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');

    const res = await api('DELETE', '/demo', owner.headers);
    expect(res.statusCode, res.body).toBe(200);
    const removal = res.json();
    expect(removal).toMatchObject({ removed: true, photos: 11 });
    expect(removal.sections.sort()).toEqual(['Business', 'Culture', 'Science']);
    expect(removal.articles).toHaveLength(12);
    expect(removal.tags.sort()).toEqual(TAGS.filter((tag) => tag !== 'Diplomacy'));
    expect(removal.authors.sort()).toEqual(AUTHORS.filter((name) => name !== 'Marta Kowalczyk'));
    expect(removal.kept).toHaveLength(4);
    expect(removal.kept.join('\n')).toContain('section "World": 1 article or subsection of your own uses it');

    // Only the paper's own content (and the owner, legal documents and settings) is left.
    expect((await db.selectFrom('articles').select('headline').execute()).map((a) => a.headline)).toEqual([
      'Our Own Report From the Valley',
    ]);
    expect((await db.selectFrom('sections').select('id').execute()).map((s) => s.id)).toEqual([world.id]);
    expect((await db.selectFrom('media').select('id').execute()).map((m) => m.id)).toEqual([demoPhoto]);
    expect((await db.selectFrom('tags').select('name').orderBy('name').execute()).map((x) => x.name)).toEqual(
      ['Diplomacy', 'Valley'],
    );
    expect(
      await db.selectFrom('staff').select('email').where('email', '=', DEMO_OWNER_EMAIL).execute(),
    ).toHaveLength(1);
    expect(await db.selectFrom('legal_documents').select('id').execute()).toHaveLength(2);
    expect(business.id).not.toBe(world.id);

    // The removed photos' files are gone; the kept one's is there.
    const storage = openMediaStorage(deps.config);
    for (const { id, original_key } of photoKeys) {
      expect((await storage.get(original_key)) !== null, id).toBe(id === demoPhoto);
    }
    await storage.close();

    // Pages: the demo's answer 410 or 404, the paper's own still serves, lists show only its own.
    expect((await reader(demoPath)).statusCode).toBe(410);
    expect((await reader('/section/business')).statusCode).toBe(404);
    expect((await reader('/tag/europe')).statusCode).toBe(404);
    const ownPage = await reader(ownPath);
    expect(ownPage.statusCode).toBe(200);
    expect(ownPage.body).toContain('Our Own Report From the Valley');
    // The navigation keeps its link to the section that stays, and loses those that are gone.
    const nav = (await reader('/')).body.match(/<nav class="site-nav"[\s\S]*?<\/nav>/)?.[0];
    expect(nav).toBe(
      '<nav class="site-nav" aria-label="Sections"><ul><li><a href="/section/world">World</a></li></ul></nav>',
    );
    for (const url of ['/', '/section/world', '/feed.xml']) {
      const page = await reader(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('Our Own Report From the Valley');
      expect(page.body, url).not.toContain(DEMO_WORLD);
      expect(page.body, url).not.toContain(DEMO_BUSINESS);
    }

    const audit = (await api('GET', '/audit?action=demo.removed', owner.headers)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actor: { staffId: owner.staff.id },
      summary: 'Removed the demo edition: 12 articles',
    });

    // Idempotent: nothing is left to remove, and nothing of the paper's own is touched.
    const again = await api('DELETE', '/demo', owner.headers);
    expect(again.json()).toMatchObject({ removed: false, articles: [] });
    expect(await count('articles')).toBe(1);
    expect(await count('sections')).toBe(1);
  });
});
