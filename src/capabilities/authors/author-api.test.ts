import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const url = '/api/admin/v1/authors';

describeEachDialect('authors API', (t) => {
  it('creates guest contributors and staff profiles for editors, readable by any staff', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await signedInAs(deps, 'editor')).headers;
    const jane = await signedInAs(deps, 'reporter', { name: 'Jane Doe' });
    const post = (payload: object) => app.inject({ method: 'POST', url, headers: editor, payload });

    const wire = await post({ name: 'José Martí', affiliation: 'Reuters', photoUrl: null, staffId: null });
    expect(wire.statusCode).toBe(201);
    expect(wire.json()).toEqual({
      id: expect.any(String),
      name: 'José Martí',
      slug: 'jose-marti',
      bio: '',
      kind: 'guest',
      staffId: null,
      affiliation: 'Reuters',
      photoUrl: null,
      links: [],
      createdAt: '2026-11-16T09:00:00.000Z',
      updatedAt: '2026-11-16T09:00:00.000Z',
    });
    const staff = await post({ name: 'Jane Doe', staffId: jane.staff.id, bio: 'Courts.' });
    expect(staff.json()).toMatchObject({ kind: 'staff', staffId: jane.staff.id, slug: 'jane-doe' });

    const list = await app.inject({ method: 'GET', url, headers: jane.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().authors.map((a: { name: string }) => a.name)).toEqual(['Jane Doe', 'José Martí']);
    const guests = await app.inject({ method: 'GET', url: `${url}?kind=guest`, headers: jane.headers });
    expect(guests.json().authors.map((a: { slug: string }) => a.slug)).toEqual(['jose-marti']);
    const one = await app.inject({ method: 'GET', url: `${url}/${wire.json().id}`, headers: jane.headers });
    expect(one.json()).toEqual(wire.json());
    expect(
      (await app.inject({ method: 'GET', url: `${url}/missing`, headers: jane.headers })).statusCode,
    ).toBe(404);
  });

  it('answers bad input with 400 naming the field, and clashes with 409', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'editor');
    const jane = await signedInAs(deps, 'reporter');
    const post = (payload: object) => app.inject({ method: 'POST', url, headers, payload });
    const cases: [object, number, string, string][] = [
      [{ name: '' }, 400, 'AUTHOR_INVALID', 'name'],
      [{ name: 'Ann', slug: 'Ann!' }, 400, 'AUTHOR_INVALID', 'slug'],
      [{ name: 'Ann', photoUrl: 'javascript:alert(1)' }, 400, 'AUTHOR_INVALID', 'photoUrl'],
      [{ name: 'Ann', bio: 'x'.repeat(2001) }, 400, 'AUTHOR_INVALID', 'bio'],
      [{ name: 'Ann', staffId: 'no-such-staff' }, 400, 'STAFF_UNKNOWN', 'staffId'],
      [
        { name: 'Ann', links: [{ label: 'Site', url: 'http://ann.example' }] },
        400,
        'AUTHOR_INVALID',
        'links',
      ],
      [
        { name: 'Ann', links: [{ label: 'Site', url: 'javascript:alert(1)' }] },
        400,
        'AUTHOR_INVALID',
        'links',
      ],
      [{ name: 'Ann', links: [{ label: '  ', url: 'https://ann.example' }] }, 400, 'AUTHOR_INVALID', 'links'],
      [
        { name: 'Ann', links: [{ label: 'x'.repeat(61), url: 'https://ann.example' }] },
        400,
        'AUTHOR_INVALID',
        'links',
      ],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toMatchObject({ code, details: { field } });
    }
    expect((await post({ name: 'Ann Author', staffId: jane.staff.id })).statusCode).toBe(201);
    const slugClash = await post({ name: 'Ann  Author' });
    expect(slugClash.statusCode).toBe(409);
    expect(slugClash.json().error).toMatchObject({ code: 'SLUG_TAKEN', details: { field: 'slug' } });
    const staffClash = await post({ name: 'Ann Other', staffId: jane.staff.id });
    expect(staffClash.statusCode).toBe(409);
    expect(staffClash.json().error).toMatchObject({
      code: 'AUTHOR_STAFF_TAKEN',
      details: { field: 'staffId' },
    });
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('lets staff edit their own profile, editors any, and only editors create or delete', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await signedInAs(deps, 'editor')).headers;
    const jane = await signedInAs(deps, 'reporter', { name: 'Jane Doe' });
    const mine = (
      await app.inject({
        method: 'POST',
        url,
        headers: editor,
        payload: { name: 'Jane Doe', staffId: jane.staff.id },
      })
    ).json();
    const other = (
      await app.inject({ method: 'POST', url, headers: editor, payload: { name: 'Guest Writer' } })
    ).json();

    const refusedCreate = await app.inject({
      method: 'POST',
      url,
      headers: jane.headers,
      payload: { name: 'X' },
    });
    expect(refusedCreate.statusCode).toBe(403);
    const own = await app.inject({
      method: 'PATCH',
      url: `${url}/${mine.id}`,
      headers: jane.headers,
      payload: { bio: 'Covers the courts.', photoUrl: '/media/jane.jpg' },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      bio: 'Covers the courts.',
      photoUrl: '/media/jane.jpg',
      slug: 'jane-doe',
    });
    const links = [
      { label: 'Website', url: 'https://jane.example/' },
      { label: 'Mastodon', url: 'https://social.example/@jane' },
    ];
    const withLinks = await app.inject({
      method: 'PATCH',
      url: `${url}/${mine.id}`,
      headers: jane.headers,
      payload: { links: [{ label: '  Website ', url: ' https://jane.example/ ' }, links[1]] },
    });
    expect(withLinks.statusCode).toBe(200);
    expect(withLinks.json().links).toEqual(links);
    // Shapes the schema refuses: unknown fields in a link, a missing url, more than ten links.
    for (const bad of [
      [{ label: 'Site', url: 'https://a.example', rel: 'me' }],
      [{ label: 'Site' }],
      Array.from({ length: 11 }, (_, i) => ({ label: `L${i}`, url: `https://a.example/${i}` })),
    ]) {
      const res = await app.inject({
        method: 'PATCH',
        url: `${url}/${mine.id}`,
        headers: jane.headers,
        payload: { links: bad },
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const unchanged = await app.inject({ method: 'GET', url: `${url}/${mine.id}`, headers: jane.headers });
    expect(unchanged.json().links).toEqual(links);
    const ownSlug = await app.inject({
      method: 'PATCH',
      url: `${url}/${mine.id}`,
      headers: jane.headers,
      payload: { slug: 'jd' },
    });
    expect(ownSlug.statusCode).toBe(403);
    const others = await app.inject({
      method: 'PATCH',
      url: `${url}/${other.id}`,
      headers: jane.headers,
      payload: { bio: 'x' },
    });
    expect(others.statusCode).toBe(403);
    const byEditor = await app.inject({
      method: 'PATCH',
      url: `${url}/${other.id}`,
      headers: editor,
      payload: { affiliation: 'AP', slug: 'guest' },
    });
    expect(byEditor.json()).toMatchObject({ affiliation: 'AP', slug: 'guest', kind: 'guest' });

    expect(
      (await app.inject({ method: 'DELETE', url: `${url}/${other.id}`, headers: jane.headers })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `${url}/${other.id}`, headers: editor })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: `${url}/${other.id}`, headers: editor })).statusCode,
    ).toBe(404);
  });
});
