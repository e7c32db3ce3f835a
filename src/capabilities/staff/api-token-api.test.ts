import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { secretHash } from '../../platform/secrets.js';

const API = '/api/admin/v1';

describeEachDialect('API tokens', (t) => {
  it('shows the token once, keeps only its hash, and lets it act with its role', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { staff, headers } = await signedInAs(deps, 'admin');
    const made = await app.inject({
      method: 'POST',
      url: `${API}/tokens`,
      headers,
      payload: { name: '  Wire importer ', role: 'reporter' },
    });
    expect(made.statusCode).toBe(201);
    const { token, apiToken: created } = made.json();
    expect(token).toMatch(/^mh_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Wire importer', role: 'reporter', createdBy: staff.id });
    expect(made.headers['cache-control']).toBe('no-store');

    const rows = await deps.database.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(secretHash(token));
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));

    const list = await app.inject({ url: `${API}/tokens`, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().tokens).toEqual([{ ...created, lastUsedAt: null }]);
    expect(list.body).not.toContain(token.slice(3));

    const me = await app.inject({ url: `${API}/auth/me`, headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      actor: {
        kind: 'token',
        staffId: null,
        tokenId: created.id,
        name: 'API token: Wire importer',
        role: 'reporter',
      },
      staff: null,
      csrfToken: null,
    });
    const used = await app.inject({ url: `${API}/tokens`, headers });
    expect(used.json().tokens[0].lastUsedAt).toBe(deps.clock.now().toISOString());
  });

  it('stops a revoked token at once (401), and revoking twice is harmless', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await signedInAs(deps, 'admin');
    const made = await app.inject({
      method: 'POST',
      url: `${API}/tokens`,
      headers,
      payload: { name: 'Old feed', role: 'editor' },
    });
    const { token, apiToken: created } = made.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: `${API}/auth/me`, headers: bearer })).statusCode).toBe(200);

    const revoked = await app.inject({ method: 'DELETE', url: `${API}/tokens/${created.id}`, headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().apiToken.revokedAt).toBe(deps.clock.now().toISOString());
    const after = await app.inject({ url: `${API}/auth/me`, headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_REQUIRED');

    const again = await app.inject({ method: 'DELETE', url: `${API}/tokens/${created.id}`, headers });
    expect(again.statusCode).toBe(200);
    expect(again.json().apiToken.revokedAt).toBe(revoked.json().apiToken.revokedAt);
    const missing = await app.inject({ method: 'DELETE', url: `${API}/tokens/nope`, headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses a role above the creator, non-admins, token-made tokens and bad names', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin');
    const editor = await signedInAs(deps, 'editor');
    const post = (headers: Record<string, string>, payload: object) =>
      app.inject({ method: 'POST', url: `${API}/tokens`, headers, payload });

    const above = await post(admin.headers, { name: 'Too strong', role: 'owner' });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'role' } });

    const byEditor = await post(editor.headers, { name: 'Mine', role: 'contributor' });
    expect(byEditor.statusCode).toBe(403);
    expect(byEditor.json().error.code).toBe('FORBIDDEN');
    expect((await app.inject({ url: `${API}/tokens`, headers: editor.headers })).statusCode).toBe(403);

    const adminToken = await apiToken(deps, 'admin');
    const byToken = await post(adminToken.headers, { name: 'Child', role: 'contributor' });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('FORBIDDEN');

    const blank = await post(admin.headers, { name: '   ', role: 'editor' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'API_TOKEN_INVALID', details: { field: 'name' } });
    const badRole = await post(admin.headers, { name: 'Feed', role: 'chief' });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.code).toBe('VALIDATION_FAILED');
    expect(badRole.json().error.details.problems[0].field).toBe('role');

    // Only the owner-issued admin token from apiToken() exists: the refusals wrote nothing.
    expect(await deps.database.db.selectFrom('api_tokens').selectAll().execute()).toHaveLength(1);
  });

  it('does not let an admin revoke an owner token', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const owner = await signedInAs(deps, 'owner');
    const admin = await signedInAs(deps, 'admin');
    const made = await app.inject({
      method: 'POST',
      url: `${API}/tokens`,
      headers: owner.headers,
      payload: { name: 'Owner tool', role: 'owner' },
    });
    expect(made.statusCode).toBe(201);
    const res = await app.inject({
      method: 'DELETE',
      url: `${API}/tokens/${made.json().apiToken.id}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('ignores a token that is not the right shape or not Bearer', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'editor');
    const token = headers.authorization!.slice('Bearer '.length);
    for (const authorization of [`Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`]) {
      expect((await app.inject({ url: `${API}/auth/me`, headers: { authorization } })).statusCode).toBe(401);
    }
    expect(
      (await app.inject({ url: `${API}/auth/me`, headers: { authorization: `bearer ${token}` } })).statusCode,
    ).toBe(200);
  });
});
