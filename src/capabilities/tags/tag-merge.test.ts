import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addSection } from '../../../test/support/reader-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { CacheKey } from '../../platform/http/cache-keys.js';

const url = '/api/admin/v1/tags';

describeEachDialect('merging and re-slugging tags (issue 16)', (t) => {
  async function paper() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const onlyOld = await addArticle(db, clock, { headline: 'Heat', section: world.id, tags: ['Climat'] });
    const both = await addArticle(db, clock, {
      headline: 'Floods',
      section: world.id,
      tags: ['Weather', 'Climat', 'Climate'],
    });
    const onlyNew = await addArticle(db, clock, {
      headline: 'Drought',
      section: world.id,
      tags: ['Climate'],
    });
    const { app, deps } = await buildTestApp(t.database, { clock });
    const editor = (await signedInAs(deps, 'editor')).headers;
    const reporter = (await signedInAs(deps, 'reporter')).headers;
    const list = async () =>
      (await app.inject({ url, headers: editor })).json().tags as {
        id: string;
        slug: string;
        articleCount: number;
      }[];
    const bySlug = async (slug: string) => (await list()).find((tag) => tag.slug === slug)!;
    return { app, db, editor, reporter, list, bySlug, onlyOld, both, onlyNew };
  }

  it('moves the articles to the surviving tag and sends the old address there with a 301', async () => {
    const { app, db, editor, list, bySlug, onlyOld, both } = await paper();
    const climat = await bySlug('climat');
    const climate = await bySlug('climate');
    expect([climat.articleCount, climate.articleCount]).toEqual([2, 2]);
    expect((await app.inject('/tag/climat')).statusCode).toBe(200);
    const purgesBefore = await db.selectFrom('cache_purges').select('keys').execute();

    const merged = await app.inject({
      method: 'POST',
      url: `${url}/${climat.id}/merge`,
      headers: editor,
      payload: { into: climate.id },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: climate.id, slug: 'climate' });
    expect((await list()).map((tag) => [tag.slug, tag.articleCount])).toEqual([
      ['climate', 3],
      ['weather', 1],
    ]);
    // The article that carried both keeps its order, with the surviving tag once.
    const floods = await app.inject({ url: `/api/admin/v1/articles/${both.id}`, headers: editor });
    expect(floods.json().tags.map((tag: { slug: string }) => tag.slug)).toEqual(['weather', 'climate']);

    const old = await app.inject('/tag/climat?page=1');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('https://news.example/tag/climate');
    expect((await app.inject('/tag/climat?page=2')).headers.location).toBe(
      'https://news.example/tag/climate?page=2',
    );
    const page = await app.inject('/tag/climate');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Heat');
    const purges = (await db.selectFrom('cache_purges').select('keys').execute()).slice(purgesBefore.length);
    const keys = purges.flatMap((p) => JSON.parse(p.keys) as string[]);
    expect(keys).toEqual(
      expect.arrayContaining([
        CacheKey.tag(climat.id),
        CacheKey.tag(climate.id),
        CacheKey.article(onlyOld.id),
        CacheKey.article(both.id),
      ]),
    );
  });

  it('follows a chain: a tag merged after its own merge takes the older address along', async () => {
    const { app, editor, bySlug } = await paper();
    const climat = await bySlug('climat');
    const climate = await bySlug('climate');
    const weather = await bySlug('weather');
    const merge = (id: string, into: string) =>
      app.inject({ method: 'POST', url: `${url}/${id}/merge`, headers: editor, payload: { into } });
    expect((await merge(climat.id, climate.id)).statusCode).toBe(200);
    expect((await merge(climate.id, weather.id)).statusCode).toBe(200);
    expect((await app.inject('/tag/climat')).headers.location).toBe('https://news.example/tag/weather');
    expect((await app.inject('/tag/climate')).headers.location).toBe('https://news.example/tag/weather');
    expect((await app.inject('/tag/nothing-here')).statusCode).toBe(404);
  });

  it('leaves the old address of a re-slugged tag answering 301, until a tag holds it again', async () => {
    const { app, editor, bySlug } = await paper();
    const climat = await bySlug('climat');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `${url}/${climat.id}`,
      headers: editor,
      payload: { name: 'Climate crisis', slug: 'climate-crisis' },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await app.inject('/tag/climat')).headers.location).toBe(
      'https://news.example/tag/climate-crisis',
    );
    // Back to the old slug: it is the tag's own address again, not a redirect to itself.
    await app.inject({
      method: 'PATCH',
      url: `${url}/${climat.id}`,
      headers: editor,
      payload: { slug: 'climat' },
    });
    expect((await app.inject('/tag/climat')).statusCode).toBe(200);
    expect((await app.inject('/tag/climate-crisis')).headers.location).toBe(
      'https://news.example/tag/climat',
    );
  });

  it('refuses bad merges with the reason and the field, and reporters with 403', async () => {
    const { app, editor, reporter, bySlug, list } = await paper();
    const climat = await bySlug('climat');
    const climate = await bySlug('climate');
    const merge = (id: string, payload: unknown, headers = editor) =>
      app.inject({ method: 'POST', url: `${url}/${id}/merge`, headers, payload: payload as object });
    expect((await merge(climat.id, { into: climate.id }, reporter)).statusCode).toBe(403);
    const self = await merge(climat.id, { into: climat.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatchObject({ code: 'TAG_INVALID', details: { field: 'into' } });
    const unknown = await merge(climat.id, { into: 'no-such-tag' });
    expect(unknown.json().error).toMatchObject({ code: 'TAG_UNKNOWN', details: { field: 'into' } });
    expect((await merge('no-such-tag', { into: climate.id })).statusCode).toBe(404);
    for (const bad of [{}, { into: '' }, { into: 3 }, { into: climate.id, also: 1 }]) {
      const res = await merge(climat.id, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await list()).map((tag) => tag.articleCount)).toEqual([2, 2, 1]);
  });
});
