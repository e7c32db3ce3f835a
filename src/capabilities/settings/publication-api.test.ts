import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const url = '/api/admin/v1/publication';

describeEachDialect('publication facts for every staff member', (t) => {
  it('gives a contributor the paper’s name, locale, time zone and wall, as an admin set them', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin');
    const contributor = await signedInAs(deps, 'contributor');
    let res = await app.inject({ method: 'GET', url, headers: contributor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: 'Masthead',
      locale: 'en-US',
      timeZone: 'UTC',
      freeArticlesPerMonth: 5,
    });

    res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers: admin.headers,
      payload: {
        'publication.name': 'The Harbour Ledger',
        'publication.timezone': 'America/New_York',
        'publication.locale': 'en-GB',
        'wall.free_articles_per_month': 3,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await app.inject({ method: 'GET', url, headers: contributor.headers });
    expect(res.json()).toEqual({
      name: 'The Harbour Ledger',
      locale: 'en-GB',
      timeZone: 'America/New_York',
      freeArticlesPerMonth: 3,
    });
    // Nothing else of the settings travels with it.
    expect(Object.keys(res.json())).toHaveLength(4);
    // A contributor still cannot read the settings themselves.
    res = await app.inject({ method: 'GET', url: '/api/admin/v1/settings', headers: contributor.headers });
    expect(res.statusCode).toBe(403);
  });

  it('answers an API token of any role, and refuses someone not signed in', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const token = await apiToken(deps, 'contributor');
    expect((await app.inject({ method: 'GET', url, headers: token.headers })).statusCode).toBe(200);
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });
});
