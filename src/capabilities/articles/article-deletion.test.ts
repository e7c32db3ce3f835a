import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';

describeEachDialect('deleting an article', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: { staff: { id: string; name: string }; headers: Record<string, string> };
  let owner: Record<string, string>;
  let world: { id: string; path: string };
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    ({ app, deps } = await buildTestApp(t.database, {
      clock,
      env: { MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: 'true' },
    }));
    editor = await signedInAs(deps, 'editor', { name: 'Eda Editor' });
    owner = (await signedInAs(deps, 'owner')).headers;
    const res = await call('POST', '/sections', editor.headers, { name: 'World' });
    expect(res.statusCode).toBe(201);
    world = res.json();
    // An integrator listening for deletions.
    const hook = await call('POST', '/webhooks', owner, {
      url: 'http://127.0.0.1:9/in',
      events: ['article.deleted'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
  });

  const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: url.startsWith('/api') || !url.startsWith('/') ? url : `/api/admin/v1${url}`,
      headers,
      ...(payload ? { payload } : {}),
    });

  async function draft(fields: Record<string, unknown> = {}) {
    const res = await call('POST', '/articles', editor.headers, {
      headline: 'Harbour Cranes Go Electric',
      dek: 'The port bets on power.',
      section: world.path,
      bodyMarkdown: 'The cranes hum where diesel roared. Quayside workers say the change is welcome.',
      tags: ['Ports'],
      // Free: search must find it by a word of its one-paragraph body, which the wall would keep closed.
      access: 'free',
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; revision: number; slug: string; tags: { id: string }[] };
  }

  async function act(id: string, action: string, revision: number, extra: Record<string, unknown> = {}) {
    const res = await call('POST', `/articles/${id}/${action}`, editor.headers, { revision, ...extra });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { revision: number };
  }

  const remove = (id: string, revision: number, headers = editor.headers) =>
    call('DELETE', `/articles/${id}?revision=${revision}`, headers);

  const reader = (url: string) => app.inject({ method: 'GET', url });

  it('refuses roles below editor, unknown ids, stale revisions, live and scheduled articles, and keeps the article', async () => {
    const article = await draft();
    const reporter = await signedInAs(deps, 'reporter');
    const contributorToken = await apiToken(deps, 'contributor');
    for (const headers of [reporter.headers, contributorToken.headers]) {
      const res = await remove(article.id, 1, headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    let res = await remove('01900000-0000-7000-8000-000000000000', 1);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ARTICLE_NOT_FOUND');
    res = await call('DELETE', `/articles/${article.id}`, editor.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');

    const published = await act(article.id, 'publish', 1);
    res = await remove(article.id, 1);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'REVISION_CONFLICT', details: { currentRevision: 2 } });
    res = await remove(article.id, published.revision);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ARTICLE_LIVE');
    expect(res.json().error.message).toContain('unpublish it first');

    const scheduled = await draft({ headline: 'Tomorrow', slug: 'tomorrow' });
    const s = await act(scheduled.id, 'schedule', 1, { at: '2026-11-17T06:00:00.000Z' });
    res = await remove(scheduled.id, s.revision);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ARTICLE_SCHEDULED');

    expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(2);
    const deletions = t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'article.deleted');
    expect(await deletions.execute()).toEqual([]);
    expect((await reader('/')).body).toContain('Harbour Cranes Go Electric');
  });

  it('deletes a never-published draft with everything that points at it, and records who did it', async () => {
    const article = await draft();
    const corrected = await draft({ headline: 'Other', slug: 'other' });
    const revised = (
      await call('PATCH', `/articles/${article.id}`, editor.headers, { revision: 1, dek: 'New' })
    ).json() as { revision: number };
    // A draft can be a front-page pick.
    const front = (await call('GET', '/front-page', editor.headers)).json() as { revision: number };
    expect(
      (
        await call('PUT', '/front-page', editor.headers, {
          revision: front.revision,
          articleIds: [article.id, corrected.id],
        })
      ).statusCode,
    ).toBe(200);

    const res = await remove(article.id, revised.revision);
    expect(res.statusCode, res.body).toBe(204);

    const db = t.database.db;
    expect(await db.selectFrom('articles').select('id').where('id', '=', article.id).execute()).toEqual([]);
    for (const table of ['article_revisions', 'article_authors', 'article_tags', 'corrections'] as const) {
      expect(
        await db.selectFrom(table).select('article_id').where('article_id', '=', article.id).execute(),
      ).toEqual([]);
    }
    const picks = (await call('GET', '/front-page', editor.headers)).json() as {
      picks: { articleId: string }[];
    };
    expect(picks.picks.map((p) => p.articleId)).toEqual([corrected.id]);
    // The other article and the shared tag stay.
    expect((await call('GET', `/articles/${corrected.id}`, editor.headers)).statusCode).toBe(200);
    expect(await db.selectFrom('tags').select('name').execute()).toEqual([{ name: 'Ports' }]);

    const deliveries = await db.selectFrom('webhook_deliveries').select(['event', 'payload']).execute();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.event).toBe('article.deleted');
    expect(JSON.parse(deliveries[0]!.payload)).toEqual({
      article: { id: article.id, headline: 'Harbour Cranes Go Electric' },
    });

    // The audit trail keeps who and when after the editor's account is disabled.
    const disabled = await call('PATCH', `/staff/${editor.staff.id}`, owner, { disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const audit = await call('GET', '/audit?action=article.deleted', owner);
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toEqual({
      items: [
        {
          id: expect.any(String),
          at: '2026-11-16T09:00:00.000Z',
          actor: { staffId: editor.staff.id, name: 'Eda Editor', role: 'editor' },
          action: 'article.deleted',
          subject: { kind: 'article', id: article.id },
          summary: 'Harbour Cranes Go Electric',
          details: { slug: article.slug, status: 'draft', addresses: [] },
        },
      ],
      nextCursor: null,
    });
  });

  it('deletes an unpublished article: its old address answers 410, and feeds, search, sitemaps and section pages drop it', async () => {
    const article = await draft();
    const keep = await draft({ headline: 'Quay Workers Welcome the Quiet', slug: 'quay-workers' });
    await act(keep.id, 'publish', 1);
    let revision = (await act(article.id, 'publish', 1)).revision;
    const address = '/2026/11/16/harbour-cranes-go-electric';
    const feed = '/feed.xml';
    const sitemap = '/sitemaps/articles-2026-11.xml';
    const search = '/search?q=cranes';
    const section = `/section/${world.path}`;
    // Warm the page cache with every page that shows the article.
    for (const url of [address, '/', feed, sitemap, search, section, `/tag/ports`]) {
      const res = await reader(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('harbour-cranes-go-electric');
    }
    revision = (await act(article.id, 'unpublish', revision)).revision;
    expect((await reader(address)).statusCode).toBe(410);

    clock.advance(60_000);
    const res = await remove(article.id, revision);
    expect(res.statusCode, res.body).toBe(204);

    const gone = await reader(address);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toContain('text/html');
    expect(gone.body).toContain('This article has been removed');
    for (const url of ['/', feed, sitemap, search, section, '/tag/ports']) {
      const page = await reader(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('harbour-cranes-go-electric');
      expect(page.body, url).toContain('quay-workers');
    }

    // A later article may take the slug; the deleted article's dated address stays gone.
    clock.set('2026-11-18T09:00:00.000Z');
    const reuse = await draft({
      headline: 'Harbour Cranes Go Electric, Again',
      slug: 'harbour-cranes-go-electric',
    });
    expect(reuse.slug).toBe('harbour-cranes-go-electric');
    await act(reuse.id, 'publish', 1);
    expect((await reader(address)).statusCode).toBe(410);
    expect((await reader('/2026/11/18/harbour-cranes-go-electric')).statusCode).toBe(200);

    const audit = (await call('GET', '/audit?action=article.deleted', owner)).json() as {
      items: { details: unknown }[];
    };
    expect(audit.items[0]!.details).toEqual({
      slug: 'harbour-cranes-go-electric',
      status: 'unpublished',
      addresses: [address],
    });
  });

  it('lets admins and owners read the audit trail page by page, and no one else', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const a = await draft({ headline: `Draft ${n}`, slug: `draft-${n}` });
      clock.advance(1000);
      expect((await remove(a.id, 1)).statusCode).toBe(204);
      ids.push(a.id);
    }
    const admin = (await signedInAs(deps, 'admin')).headers;
    const first = await call('GET', '/audit?limit=2', admin);
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as { items: { subject: { id: string } }[]; nextCursor: string };
    expect(page1.items.map((e) => e.subject.id)).toEqual([ids[2], ids[1]]);
    const second = (await call('GET', `/audit?limit=2&cursor=${page1.nextCursor}`, admin)).json();
    expect(second).toMatchObject({ items: [{ subject: { id: ids[0] } }], nextCursor: null });
    expect((await call('GET', '/audit?action=demo.removed', admin)).json()).toEqual({
      items: [],
      nextCursor: null,
    });

    const refused = await call('GET', '/audit', editor.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    for (const bad of ['/audit?cursor=not-an-id', '/audit?action=article.eaten', '/audit?limit=0']) {
      const res = await call('GET', bad, admin);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
