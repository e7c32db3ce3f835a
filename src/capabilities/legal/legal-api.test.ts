import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';

const url = '/api/admin/v1/legal';
const terms = {
  title: 'Terms of Use',
  body: '# Terms of Use\n\nUse of this site constitutes acceptance.',
  summaryOfChanges: 'First version.',
  requiresAcceptance: true,
};

describeEachDialect('legal API', (t) => {
  it('publishes versions, keeps the old ones, and switches at the effective time', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { app, deps } = await buildTestApp(t.database, { clock });
    const admin = await signedInAs(deps, 'admin', { name: 'Ada Admin' });
    const contributor = (await signedInAs(deps, 'contributor')).headers;
    const publish = (kind: string, payload: object) =>
      app.inject({ method: 'POST', url: `${url}/${kind}/versions`, headers: admin.headers, payload });

    const v1 = await publish('terms', terms);
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toEqual({
      id: expect.any(String),
      kind: 'terms',
      version: 1,
      title: 'Terms of Use',
      body: terms.body,
      summaryOfChanges: 'First version.',
      requiresAcceptance: true,
      effectiveAt: '2026-11-16T09:00:00.000Z',
      publishedAt: '2026-11-16T09:00:00.000Z',
      publishedBy: 'Ada Admin',
      status: 'current',
    });
    const v2 = await publish('terms', {
      ...terms,
      body: '# Terms of Use\n\nNew wording.',
      summaryOfChanges: 'Clearer wording; nothing you agreed to changes.',
      requiresAcceptance: false,
      effectiveAt: '2026-12-01T00:00:00Z',
    });
    expect(v2.json()).toMatchObject({ version: 2, status: 'scheduled', requiresAcceptance: false });

    const overview = await app.inject({ method: 'GET', url, headers: contributor });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().documents).toEqual([
      {
        kind: 'terms',
        name: 'Terms of Use',
        current: expect.objectContaining({ version: 1, status: 'current' }),
        scheduled: expect.objectContaining({ version: 2, status: 'scheduled' }),
        versionCount: 2,
      },
      { kind: 'privacy', name: 'Privacy Policy', current: null, scheduled: null, versionCount: 0 },
    ]);
    expect(overview.json().documents[0].current).not.toHaveProperty('body');

    clock.set('2026-12-01T00:00:00Z');
    // A fresh sign-in: a session from two weeks ago may have expired, which is not what this tests.
    const reader = (await signedInAs(deps, 'contributor')).headers;
    const later = await app.inject({ method: 'GET', url, headers: reader });
    expect(later.json().documents[0]).toMatchObject({ current: { version: 2 }, scheduled: null });
    const versions = await app.inject({ method: 'GET', url: `${url}/terms/versions`, headers: reader });
    expect(
      versions.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    const old = await app.inject({ method: 'GET', url: `${url}/terms/versions/1`, headers: reader });
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ version: 1, body: terms.body, status: 'superseded' });
  });

  it('answers bad input with 400 naming the field, and unknown versions with 404', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'admin');
    const publish = (kind: string, payload: object) =>
      app.inject({ method: 'POST', url: `${url}/${kind}/versions`, headers, payload });

    const missing = await publish('terms', { title: 'Terms' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const badKind = await publish('cookies', terms);
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.details.problems[0].field).toBe('kind');
    const past = await publish('terms', { ...terms, effectiveAt: '2026-11-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toMatchObject({ code: 'LEGAL_INVALID', details: { field: 'effectiveAt' } });
    const emptyBody = await publish('privacy', { ...terms, body: '  ' });
    expect(emptyBody.json().error).toMatchObject({ code: 'LEGAL_INVALID', details: { field: 'body' } });
    expect((await publish('privacy', { ...terms, effectiveAt: null })).statusCode).toBe(201);
    const noSummary = await publish('privacy', { ...terms, summaryOfChanges: '' });
    expect(noSummary.json().error).toMatchObject({
      code: 'LEGAL_INVALID',
      details: { field: 'summaryOfChanges' },
    });

    const unknown = await app.inject({ method: 'GET', url: `${url}/privacy/versions/7`, headers });
    expect(unknown.statusCode).toBe(404);
    const notNumber = await app.inject({ method: 'GET', url: `${url}/privacy/versions/latest`, headers });
    expect(notNumber.statusCode).toBe(400);
  });

  it('lets only admins publish, and has no way to edit or delete a version', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await signedInAs(deps, 'editor')).headers;
    const refused = await app.inject({
      method: 'POST',
      url: `${url}/terms/versions`,
      headers: editor,
      payload: terms,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    const { headers } = await signedInAs(deps, 'owner');
    expect(
      (await app.inject({ method: 'POST', url: `${url}/terms/versions`, headers, payload: terms }))
        .statusCode,
    ).toBe(201);
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({ method, url: `${url}/terms/versions/1`, headers, payload: terms });
      expect(res.statusCode).toBe(404);
    }
    const kept = await app.inject({ method: 'GET', url: `${url}/terms/versions/1`, headers });
    expect(kept.json().body).toBe(terms.body);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
