import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { fixedClock } from '../../platform/clock.js';
import { buildWorker } from '../../worker.js';

const quiet = { info() {}, warn() {}, error() {} };

describeEachDialect('articles through the Admin API', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let editor: Record<string, string>;
  let world: { id: string; path: string };
  const clock = fixedClock('2026-11-16T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-11-16T09:00:00.000Z');
    ({ app, deps } = await buildTestApp(t.database, { clock }));
    editor = (await signedInAs(deps, 'editor', { name: 'Eda Editor' })).headers;
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/sections',
      headers: editor,
      payload: { name: 'World' },
    });
    expect(res.statusCode).toBe(201);
    world = res.json();
  });

  const call = (method: string, url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: `/api/admin/v1${url}`,
      headers,
      ...(payload ? { payload } : {}),
    });

  async function draft(headers: Record<string, string>, fields: Record<string, unknown> = {}) {
    const res = await call('POST', '/articles', headers, {
      headline: 'Alliance Chief Visits Capital for First Time Since War Began',
      dek: 'The visit signals continued support.',
      dateline: 'KYIV, Ukraine —',
      section: world.path,
      bodyMarkdown: 'The secretary general arrived on Sunday.\n\n## Talks\n\nThey met for *three* hours.',
      tags: ['Diplomacy', 'Europe'],
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('creates a draft from Markdown, credits the creator, and counts words', async () => {
    const reporter = await signedInAs(deps, 'reporter', { name: 'Rita Reporter' });
    const article = await draft(reporter.headers);
    expect(article).toMatchObject({
      status: 'draft',
      slug: 'alliance-chief-visits-capital-for-first-time-since-war-began',
      revision: 1,
      section: { id: world.id, path: world.path },
      authors: [{ name: 'Rita Reporter' }],
      wordCount: 12,
      readingMinutes: 1,
      tags: [{ name: 'Diplomacy' }, { name: 'Europe' }],
    });
    expect(article.body.content.map((n: { type: string }) => n.type)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
    ]);
  });

  it('refuses bad input with a stable code naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ headline: '   ' }, 400, 'ARTICLE_INVALID', 'headline'],
      [{ headline: 'x', section: 'sport' }, 400, 'SECTION_UNKNOWN', 'section'],
      [
        { headline: 'x', body: { type: 'doc', content: [{ type: 'script' }] } },
        400,
        'ARTICLE_INVALID',
        'body.content[0]',
      ],
      [{ headline: 'x', slug: 'Not A Slug!' }, 400, 'ARTICLE_INVALID', 'slug'],
      [
        { headline: 'x', authorIds: ['nobody'], tags: ['Brand new tag'] },
        400,
        'ARTICLE_INVALID',
        'authorIds',
      ],
      [
        { headline: 'x', body: { type: 'doc', content: [] }, bodyMarkdown: 'y' },
        400,
        'ARTICLE_INVALID',
        'body',
      ],
      [{}, 400, 'VALIDATION_FAILED', 'headline'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await call('POST', '/articles', editor, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      const error = res.json().error;
      expect(error.code).toBe(code);
      expect(JSON.stringify(error.details)).toContain(field);
    }
    expect(await t.database.db.selectFrom('articles').selectAll().execute()).toEqual([]);
    // The tag named in the refused request was not created either: one operation, one transaction.
    expect(await t.database.db.selectFrom('tags').selectAll().execute()).toEqual([]);
  });

  it('refuses a slug another article holds, now or before', async () => {
    const first = await draft(editor, { slug: 'budget-vote' });
    const clash = await call('POST', '/articles', editor, { headline: 'Other', slug: 'budget-vote' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'SLUG_TAKEN', details: { field: 'slug' } });
    // Published, then renamed: the old slug is kept for redirects and stays taken.
    let res = await call('POST', `/articles/${first.id}/publish`, editor, { revision: 1 });
    res = await call('PATCH', `/articles/${first.id}`, editor, { revision: 2, slug: 'budget-vote-passes' });
    // Staged: the new slug is the working copy's; the old one goes to the redirects when it goes live.
    expect(res.json()).toMatchObject({ slug: 'budget-vote-passes', previousSlugs: [], staged: true });
    res = await call('POST', `/articles/${first.id}/update`, editor, { revision: 3 });
    expect(res.json()).toMatchObject({ slug: 'budget-vote-passes', previousSlugs: ['budget-vote'] });
    const reuse = await call('POST', '/articles', editor, { headline: 'Other', slug: 'budget-vote' });
    expect(reuse.json().error.code).toBe('SLUG_TAKEN');
  });

  it('numbers the slug of a second story with a headline already used, now or before', async () => {
    const slugOf = async (headline: string) => {
      const res = await call('POST', '/articles', editor, { headline });
      expect(res.statusCode).toBe(201);
      return res.json().slug;
    };
    expect(await slugOf('Letters to the editor')).toBe('letters-to-the-editor');
    expect(await slugOf('Letters to the editor')).toBe('letters-to-the-editor-2');
    // A retired slug stays taken too: published as "budget-vote", renamed, then a new "Budget vote".
    const first = await draft(editor, { slug: 'budget-vote' });
    await call('POST', `/articles/${first.id}/publish`, editor, { revision: 1 });
    await call('PATCH', `/articles/${first.id}`, editor, { revision: 2, slug: 'budget-vote-passes' });
    await call('POST', `/articles/${first.id}/update`, editor, { revision: 3 });
    expect(await slugOf('Budget vote')).toBe('budget-vote-2');
    expect(await slugOf('Budget vote!')).toBe('budget-vote-3');
  });

  it('never silently overwrites: a stale revision is a 409 carrying the current version', async () => {
    const article = await draft(editor);
    const first = await call('PATCH', `/articles/${article.id}`, editor, {
      revision: 1,
      dek: 'First editor',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().revision).toBe(2);
    const second = await call('PATCH', `/articles/${article.id}`, editor, {
      revision: 1,
      dek: 'Second editor',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'REVISION_CONFLICT',
      details: { yourRevision: 1, currentRevision: 2, current: { dek: 'First editor', revision: 2 } },
    });
    const stored = await call('GET', `/articles/${article.id}`, editor);
    expect(stored.json().dek).toBe('First editor');
  });

  it('runs the workflow with the roles of the brief', async () => {
    const contributor = await signedInAs(deps, 'contributor');
    const reporter = await signedInAs(deps, 'reporter');
    const article = await draft(contributor.headers);

    let res = await call('POST', `/articles/${article.id}/publish`, contributor.headers, { revision: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    res = await call('POST', `/articles/${article.id}/submit`, contributor.headers, { revision: 1 });
    expect(res.json()).toMatchObject({ status: 'in_review', revision: 2 });
    // A contributor's draft is out of their hands once submitted.
    res = await call('PATCH', `/articles/${article.id}`, contributor.headers, { revision: 2, dek: 'late' });
    expect(res.statusCode).toBe(403);
    // A reporter cannot publish someone else's article.
    res = await call('POST', `/articles/${article.id}/publish`, reporter.headers, { revision: 2 });
    expect(res.statusCode).toBe(403);
    res = await call('POST', `/articles/${article.id}/submit`, editor, { revision: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('WORKFLOW_REFUSED');

    clock.set('2026-11-16T10:00:00.000Z');
    res = await call('POST', `/articles/${article.id}/publish`, editor, { revision: 2 });
    expect(res.json()).toMatchObject({
      status: 'published',
      publishedAt: '2026-11-16T10:00:00.000Z',
      firstPublishedAt: '2026-11-16T10:00:00.000Z',
    });

    // A reporter publishes their own article; an API token with the editor role may unpublish.
    const own = await draft(reporter.headers, { slug: 'own-story' });
    res = await call('POST', `/articles/${own.id}/publish`, reporter.headers, { revision: 1 });
    expect(res.json().status).toBe('published');
    const token = await apiToken(deps, 'editor');
    res = await call('POST', `/articles/${own.id}/unpublish`, token.headers, { revision: 2 });
    expect(res.json()).toMatchObject({ status: 'unpublished', unpublishedAt: '2026-11-16T10:00:00.000Z' });
  });

  it('will not publish an article that lacks a section or a body', async () => {
    const article = await draft(editor, { section: null });
    const res = await call('POST', `/articles/${article.id}/publish`, editor, { revision: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'NOT_PUBLISHABLE', details: { field: 'section' } });
  });

  it('keeps a public, dated corrections log that moves the modified time', async () => {
    const article = await draft(editor);
    let res = await call('POST', `/articles/${article.id}/corrections`, editor, {
      kind: 'correction',
      text: 'x',
    });
    expect(res.statusCode).toBe(409);
    await call('POST', `/articles/${article.id}/publish`, editor, { revision: 1 });
    clock.set('2026-11-17T08:30:00.000Z');
    res = await call('POST', `/articles/${article.id}/corrections`, editor, {
      kind: 'correction',
      text: 'An earlier version of this article misstated the date of the visit.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      modifiedAt: '2026-11-17T08:30:00.000Z',
      corrections: [{ kind: 'correction', publishedAt: '2026-11-17T08:30:00.000Z' }],
    });
    res = await call('POST', `/articles/${article.id}/corrections`, editor, {
      kind: 'retraction',
      text: 'x',
    });
    expect(res.statusCode).toBe(400);
  });

  it('keeps every save as a revision with a readable diff, and restores an old one', async () => {
    const article = await draft(editor);
    await call('PATCH', `/articles/${article.id}`, editor, {
      revision: 1,
      headline: 'Alliance Chief Arrives in Capital',
    });
    const list = await call('GET', `/articles/${article.id}/revisions`, editor);
    expect(list.json().items.map((r: { number: number; action: string }) => [r.number, r.action])).toEqual([
      [2, 'save'],
      [1, 'create'],
    ]);
    expect(list.json().items[0]).toMatchObject({ changed: ['headline'], by: 'Eda Editor' });
    const two = await call('GET', `/articles/${article.id}/revisions/2`, editor);
    const headlineDiff = two.json().diff.find((d: { field: string }) => d.field === 'headline');
    expect(JSON.stringify(headlineDiff)).toContain('Arrives');
    const restored = await call('POST', `/articles/${article.id}/revisions/1/restore`, editor, {
      revision: 2,
    });
    expect(restored.json()).toMatchObject({ revision: 3, headline: article.headline });
    expect((await call('GET', `/articles/${article.id}/revisions/9`, editor)).statusCode).toBe(404);
  });

  it('publishes a scheduled article exactly once, even when the time passed while the server was down', async () => {
    const article = await draft(editor);
    let res = await call('POST', `/articles/${article.id}/schedule`, editor, {
      revision: 1,
      at: '2026-11-16T08:00:00.000Z',
    });
    expect(res.json().error).toMatchObject({ code: 'ARTICLE_INVALID', details: { field: 'at' } });
    res = await call('POST', `/articles/${article.id}/schedule`, editor, {
      revision: 1,
      at: '2026-11-16T12:00:00.000Z',
    });
    expect(res.json()).toMatchObject({ status: 'scheduled', scheduledAt: '2026-11-16T12:00:00.000Z' });
    // Rescheduling replaces the job; the first time must not publish it.
    res = await call('POST', `/articles/${article.id}/schedule`, editor, {
      revision: 2,
      at: '2026-11-16T14:00:00.000Z',
    });
    expect(res.statusCode).toBe(200);

    const worker = buildWorker(deps, quiet);
    clock.set('2026-11-16T12:30:00.000Z');
    await worker.runDue();
    expect((await call('GET', `/articles/${article.id}`, editor)).json().status).toBe('scheduled');

    // The server was "down" past 14:00; a new worker catches up at its first poll.
    clock.set('2026-11-16T18:00:00.000Z');
    const restarted = buildWorker(deps, quiet);
    await Promise.all([restarted.runDue(), buildWorker(deps, quiet).runDue()]);
    const published = (await call('GET', `/articles/${article.id}`, editor)).json();
    expect(published).toMatchObject({ status: 'published', publishedAt: '2026-11-16T18:00:00.000Z' });
    const revisions = (await call('GET', `/articles/${article.id}/revisions`, editor)).json().items;
    expect(revisions.filter((r: { action: string }) => r.action === 'publish')).toHaveLength(1);
    expect(revisions[0].by).toBe('Scheduler');
  });

  it('pages through the list with cursors and filters by status', async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await draft(editor, { slug: `item-${i}` });
    }
    const first = await call('GET', '/articles?limit=2', editor);
    expect(first.json().items.map((a: { slug: string }) => a.slug)).toEqual(['item-4', 'item-3']);
    const second = await call('GET', `/articles?limit=2&cursor=${first.json().nextCursor}`, editor);
    expect(second.json().items.map((a: { slug: string }) => a.slug)).toEqual(['item-2', 'item-1']);
    const third = await call('GET', `/articles?limit=2&cursor=${second.json().nextCursor}`, editor);
    expect(third.json()).toMatchObject({ items: [{ slug: 'item-0' }], nextCursor: null });
    expect((await call('GET', '/articles?cursor=garbage', editor)).json().error.details.field).toBe('cursor');
    expect((await call('GET', '/articles?status=published', editor)).json().items).toEqual([]);
    expect((await call('GET', '/articles?limit=1000', editor)).statusCode).toBe(400);
  });

  it('needs a signed-in staff member or a token, and serves its OpenAPI document', async () => {
    expect((await call('GET', '/articles', {})).statusCode).toBe(401);
    const doc = await app.inject('/api/admin/v1/openapi.json');
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toContain('/api/admin/v1/articles');
    expect(paths).toContain('/api/admin/v1/articles/{id}/publish');
  });
});
