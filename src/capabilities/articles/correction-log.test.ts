import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addSection } from '../../../test/support/reader-fixtures.js';
import { fixedClock } from '../../platform/clock.js';

const API = '/api/admin/v1';

describeEachDialect('the corrections log (issue 16)', (t) => {
  it('lists corrections across articles, newest first, a page at a time, each with its article', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const first = await addArticle(db, clock, { headline: 'Summit opens', section: world.id });
    const second = await addArticle(db, clock, { headline: 'Summit closes', section: world.id });
    const { app, deps } = await buildTestApp(t.database, { clock });
    const editor = (await signedInAs(deps, 'editor')).headers;
    const correct = async (id: string, text: string) => {
      clock.advance(60_000);
      const res = await app.inject({
        method: 'POST',
        url: `${API}/articles/${id}/corrections`,
        headers: editor,
        payload: { kind: 'correction', text },
      });
      expect(res.statusCode).toBe(201);
    };
    await correct(first.id, 'An earlier version misspelled the minister.');
    await correct(second.id, 'An earlier version gave the wrong date.');
    await correct(first.id, 'An earlier version misstated the venue.');

    const page1 = await app.inject({ url: `${API}/corrections?limit=2`, headers: editor });
    expect(page1.statusCode).toBe(200);
    const body = page1.json();
    expect(body.items.map((c: { text: string }) => c.text)).toEqual([
      'An earlier version misstated the venue.',
      'An earlier version gave the wrong date.',
    ]);
    expect(body.items[0]).toMatchObject({
      kind: 'correction',
      publishedAt: '2026-11-16T09:03:00.000Z',
      by: expect.any(String),
      article: { id: first.id, headline: 'Summit opens', slug: first.slug, status: 'published' },
    });
    const page2 = await app.inject({
      url: `${API}/corrections?limit=2&cursor=${body.nextCursor}`,
      headers: editor,
    });
    expect(page2.json().items.map((c: { article: { id: string } }) => c.article.id)).toEqual([first.id]);
    expect(page2.json().nextCursor).toBeNull();

    const badCursor = await app.inject({ url: `${API}/corrections?cursor=xyz`, headers: editor });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.details.field).toBe('cursor');
    expect((await app.inject({ url: `${API}/corrections?limit=0`, headers: editor })).statusCode).toBe(400);
    expect((await app.inject({ url: `${API}/corrections?sort=x`, headers: editor })).statusCode).toBe(400);
    expect((await app.inject({ url: `${API}/corrections` })).statusCode).toBe(401);
  });
});
