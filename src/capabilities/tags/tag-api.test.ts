import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const url = '/api/admin/v1/tags';

describeEachDialect('tags API', (t) => {
  it('lets any staff member create and search tags', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    const created = await app.inject({
      method: 'POST',
      url,
      headers: contributor,
      payload: { name: 'Café Society' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      name: 'Café Society',
      slug: 'cafe-society',
      createdAt: '2026-11-16T09:00:00.000Z',
    });
    for (const name of ['Climate', 'Cabinet']) {
      await app.inject({ method: 'POST', url, headers: contributor, payload: { name } });
    }
    const all = await app.inject({ method: 'GET', url, headers: contributor });
    expect(all.json().tags).toHaveLength(3);
    const found = await app.inject({ method: 'GET', url: `${url}?q=caf`, headers: contributor });
    expect(found.statusCode).toBe(200);
    expect(found.json().tags.map((tag: { slug: string }) => tag.slug)).toEqual(['cafe-society']);
    const limited = await app.inject({ method: 'GET', url: `${url}?limit=1`, headers: contributor });
    expect(limited.json().tags).toHaveLength(1);
    const badLimit = await app.inject({ method: 'GET', url: `${url}?limit=0`, headers: contributor });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().error.details.problems[0].field).toBe('limit');
  });

  it('answers bad input with 400 naming the field, and a slug clash with 409', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'reporter');
    const post = (payload: object) => app.inject({ method: 'POST', url, headers, payload });
    expect((await post({ name: 'Elections' })).statusCode).toBe(201);
    const clash = await post({ name: 'ELECTIONS' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'SLUG_TAKEN', details: { field: 'slug' } });
    const blank = await post({ name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'TAG_INVALID', details: { field: 'name' } });
    const noSlug = await post({ name: 'Україна' });
    expect(noSlug.json().error).toMatchObject({ code: 'TAG_INVALID', details: { field: 'slug' } });
    expect((await post({ name: 'Україна', slug: 'ukraine' })).statusCode).toBe(201);
  });

  it('lets editors rename and delete tags, and refuses reporters with 403', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await signedInAs(deps, 'editor')).headers;
    const reporter = (await signedInAs(deps, 'reporter')).headers;
    const tag = (
      await app.inject({ method: 'POST', url, headers: reporter, payload: { name: 'Climat' } })
    ).json();
    const other = (
      await app.inject({ method: 'POST', url, headers: reporter, payload: { name: 'Weather' } })
    ).json();

    const refused = await app.inject({
      method: 'PATCH',
      url: `${url}/${tag.id}`,
      headers: reporter,
      payload: { name: 'Climate' },
    });
    expect(refused.statusCode).toBe(403);
    const renamed = await app.inject({
      method: 'PATCH',
      url: `${url}/${tag.id}`,
      headers: editor,
      payload: { name: 'Climate', slug: 'climate' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: tag.id, name: 'Climate', slug: 'climate' });
    const clash = await app.inject({
      method: 'PATCH',
      url: `${url}/${other.id}`,
      headers: editor,
      payload: { slug: 'climate' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details.field).toBe('slug');

    expect(
      (await app.inject({ method: 'DELETE', url: `${url}/${tag.id}`, headers: reporter })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `${url}/${tag.id}`, headers: editor })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: `${url}/${tag.id}`, headers: editor })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
