import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addArticles, addSection, TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { runWorkflow } from '../articles/index.js';

const url = '/api/admin/v1/front-page';

describeEachDialect('front page API', (t) => {
  async function setup() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const live = await addArticles(db, clock, 7, { prefix: 'Live', section: world.id });
    const draft = await addArticle(db, clock, { headline: 'A draft', section: world.id, draft: true });
    const tomorrow = await addArticle(db, clock, { headline: 'Tomorrow', section: world.id, draft: true });
    const scheduled = await inTransaction(db, (trx) =>
      runWorkflow(trx, clock, TEST_EDITOR, tomorrow.id, 'schedule', {
        revision: tomorrow.revision,
        at: '2026-11-17T06:00:00.000Z',
      }),
    );
    clock.advance(60_000);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const editor = await signedInAs(deps, 'editor', { name: 'Nadia Editor' });
    const put = (headers: Record<string, string>, payload: unknown) =>
      app.inject({ method: 'PUT', url, headers, payload: payload as object });
    const get = async () => (await app.inject({ method: 'GET', url, headers: editor.headers })).json();
    return { app, deps, clock, live, draft, scheduled, editor, put, get };
  }

  it('starts empty, then keeps the order an editor sets, drafts and scheduled articles included', async () => {
    const { app, deps, live, draft, scheduled, editor, put, get } = await setup();
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    const first = await app.inject({ method: 'GET', url, headers: contributor });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ revision: 1, updatedAt: null, updatedBy: null, picks: [] });

    const order = [draft.id, live[0]!.id, scheduled.id, ...live.slice(1).map((a) => a.id)];
    const saved = await put(editor.headers, { revision: 1, articleIds: order });
    expect(saved.statusCode).toBe(200);
    const body = saved.json();
    expect(body).toMatchObject({
      revision: 2,
      updatedAt: '2026-11-16T09:08:00.000Z',
      updatedBy: { staffId: editor.staff.id, name: 'Nadia Editor' },
    });
    expect(body.picks.map((p: { articleId: string }) => p.articleId)).toEqual(order);
    expect(body.picks[0]).toEqual({
      articleId: draft.id,
      headline: 'A draft',
      status: 'draft',
      publishedAt: null,
      scheduledAt: null,
      showsNow: false,
    });
    expect(body.picks[1]).toMatchObject({ headline: 'Live 1', status: 'published', showsNow: true });
    expect(body.picks[1].publishedAt).toBe(live[0]!.publishedAt);
    expect(body.picks[2]).toMatchObject({
      status: 'scheduled',
      scheduledAt: '2026-11-17T06:00:00.000Z',
      showsNow: false,
    });
    // Five live picks show; the sixth and seventh wait for a place.
    expect(body.picks.map((p: { showsNow: boolean }) => p.showsNow)).toEqual([
      false,
      true,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(await get()).toEqual(body);

    // The same order again is not a change: no new revision.
    const again = await put(editor.headers, { revision: 2, articleIds: order });
    expect(again.statusCode).toBe(200);
    expect(again.json().revision).toBe(2);
    // An empty list hands the top stories back to the newest.
    const cleared = await put(editor.headers, { revision: 2, articleIds: [] });
    expect(cleared.json()).toMatchObject({ revision: 3, picks: [] });
  });

  it('refuses a bad list with 400 naming the place, and writes nothing', async () => {
    const { live, editor, put, get } = await setup();
    const a = live.map((x) => x.id);
    expect((await put(editor.headers, { revision: 1, articleIds: [a[2], a[0]] })).statusCode).toBe(200);
    const before = await get();

    const duplicate = await put(editor.headers, { revision: 2, articleIds: [a[1], a[0], a[1]] });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error).toMatchObject({
      code: 'FRONT_PAGE_INVALID',
      details: { field: 'articleIds', index: 2 },
    });

    const unknown = await put(editor.headers, { revision: 2, articleIds: [a[1], 'no-such-article'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'FRONT_PAGE_INVALID',
      details: { field: 'articleIds', index: 1 },
    });
    expect(unknown.json().error.message).toContain('no-such-article');

    const tooMany = await put(editor.headers, {
      revision: 2,
      articleIds: [...a, ...Array.from({ length: 6 }, (_, i) => `extra-${i}`)],
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [{ field: 'articleIds' }] },
    });

    for (const payload of [
      { revision: 'two', articleIds: [a[1]] },
      { revision: 2, articleIds: [{ id: a[1] }] },
      { revision: 2, articleIds: [''] },
      { revision: 2 },
      { articleIds: [a[1]] },
      { revision: 0, articleIds: [a[1]] },
    ]) {
      const res = await put(editor.headers, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const notJson = await put({ ...editor.headers, 'content-type': 'application/json' }, '{"revision": 2,');
    expect(notJson.statusCode).toBe(400);

    expect(await get()).toEqual(before);
  });

  it('answers a save based on a stale list with 409 and the list as it is now', async () => {
    const { deps, live, editor, put, get } = await setup();
    const other = await signedInAs(deps, 'admin', { name: 'Omar Admin' });
    const a = live.map((x) => x.id);
    expect((await put(editor.headers, { revision: 1, articleIds: [a[0], a[1]] })).statusCode).toBe(200);
    const stale = await put(other.headers, { revision: 1, articleIds: [a[4]] });
    expect(stale.statusCode).toBe(409);
    const error = stale.json().error;
    expect(error.code).toBe('FRONT_PAGE_CONFLICT');
    expect(error.details).toMatchObject({
      field: 'revision',
      yourRevision: 1,
      yourArticleIds: [a[4]],
      currentRevision: 2,
      current: { revision: 2, updatedBy: { name: 'Nadia Editor' } },
    });
    expect(error.details.current.picks.map((p: { articleId: string }) => p.articleId)).toEqual([a[0], a[1]]);
    // Even a stale list with a bad pick is told about the conflict first: it has to be redone anyway.
    const staleAndBad = await put(other.headers, { revision: 1, articleIds: ['nope'] });
    expect(staleAndBad.json().error.code).toBe('FRONT_PAGE_CONFLICT');
    const listed = await get();
    expect(listed.revision).toBe(2);
    expect(listed.picks.map((p: { articleId: string }) => p.articleId)).toEqual([a[0], a[1]]);

    const redone = await put(other.headers, { revision: 2, articleIds: [a[4], a[0]] });
    expect(redone.json()).toMatchObject({ revision: 3, updatedBy: { name: 'Omar Admin' } });
  });

  it('lets exactly one of two saves sent at once from the same revision through', async () => {
    const { deps, live, editor, put, get } = await setup();
    const other = await signedInAs(deps, 'editor');
    const [one, two] = await Promise.all([
      put(editor.headers, { revision: 1, articleIds: [live[0]!.id, live[1]!.id] }),
      put(other.headers, { revision: 1, articleIds: [live[2]!.id] }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const winner = one.statusCode === 200 ? one : two;
    const loser = one.statusCode === 200 ? two : one;
    expect(loser.json().error.details.current).toEqual(winner.json());
    expect(await get()).toEqual(winner.json());
  });

  it('lets editors and above arrange it; reporters and contributors only read; strangers nothing', async () => {
    const { app, deps, live, put, get } = await setup();
    for (const role of ['contributor', 'reporter'] as const) {
      const { headers } = await signedInAs(deps, role);
      const res = await put(headers, { revision: 1, articleIds: [live[0]!.id] });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { role, needed: 'editor' } });
    }
    expect((await get()).revision).toBe(1);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'PUT', url, payload: { revision: 1, articleIds: [] } })).statusCode,
    ).toBe(401);
    const token = await apiToken(deps, 'editor');
    const byToken = await put(token.headers, { revision: 1, articleIds: [live[0]!.id] });
    expect(byToken.statusCode).toBe(200);
    expect(byToken.json().updatedBy).toEqual({ staffId: null, name: 'API token: test editor token' });
  });

  it('drops a pick whose article is deleted', async () => {
    const { deps, live, editor, put, get } = await setup();
    const a = live.map((x) => x.id);
    await put(editor.headers, { revision: 1, articleIds: [a[0], a[1], a[2]] });
    await deps.database.db.deleteFrom('articles').where('id', '=', a[1]!).execute();
    const listed = await get();
    expect(listed.picks.map((p: { articleId: string }) => p.articleId)).toEqual([a[0], a[2]]);
    const rows = await deps.database.db.selectFrom('front_page_picks').select('article_id').execute();
    expect(rows.map((r) => r.article_id).sort()).toEqual([a[0], a[2]].sort());
    // The list saved on top of it is whole again.
    expect((await put(editor.headers, { revision: 2, articleIds: [a[2], a[0]] })).statusCode).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const { app } = await setup();
    const doc = (await app.inject('/api/admin/v1/openapi.json')).json();
    const path = doc.paths['/api/admin/v1/front-page'];
    expect(Object.keys(path).sort()).toEqual(['get', 'put']);
    expect(path.put.requestBody.content['application/json'].schema.properties.articleIds.maxItems).toBe(12);
    expect(path.put.tags).toEqual(['front-page']);
  });
});
