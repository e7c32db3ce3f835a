import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs, tokenMadeBy } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const API = '/api/admin/v1';

/** Issue 12, F2: a token acts with at most its maker's current rights, none once they are disabled. */
describeEachDialect('API token rights follow their maker', (t) => {
  async function adminWithToken() {
    const { app, deps } = await buildTestApp(t.database);
    const owner = await signedInAs(deps, 'owner');
    const admin = await signedInAs(deps, 'admin');
    const bearer = await tokenMadeBy(app, admin.headers, 'admin');
    const change = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `${API}/staff/${admin.staff.id}`, headers: owner.headers, payload });
    return { app, deps, owner, admin, bearer, change };
  }

  it("caps a token at its maker's role after a demotion, and ends the maker's sessions", async () => {
    const { app, admin, bearer, change } = await adminWithToken();
    const adminRoutes = [
      { method: 'GET' as const, url: `${API}/staff` },
      { method: 'GET' as const, url: `${API}/settings` },
      { method: 'GET' as const, url: `${API}/consents.csv` },
      { method: 'PATCH' as const, url: `${API}/settings`, payload: { 'publication.name': 'Taken Over' } },
    ];
    for (const route of adminRoutes.slice(0, 3)) {
      expect((await app.inject({ ...route, headers: bearer })).statusCode).toBe(200);
    }

    expect((await change({ role: 'reporter' })).statusCode).toBe(200);

    for (const route of adminRoutes) {
      const refused = await app.inject({ ...route, headers: bearer });
      expect(refused.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const me = await app.inject({ url: `${API}/auth/me`, headers: bearer });
    expect(me.json().actor.role).toBe('reporter');
    // The demoted admin's browser session ended with the change.
    const session = await app.inject({ url: `${API}/auth/me`, headers: admin.headers });
    expect(session.statusCode).toBe(401);
    expect(session.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('stops the token (401) and every session when the maker is disabled, even if enabled again', async () => {
    const { app, admin, bearer, change } = await adminWithToken();
    expect((await change({ disabled: true })).statusCode).toBe(200);
    for (const headers of [bearer, admin.headers]) {
      const refused = await app.inject({ url: `${API}/auth/me`, headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('AUTH_REQUIRED');
    }
    // Re-enabling the account does not bring back what was ended: a leaked token stays dead.
    expect((await change({ disabled: false })).statusCode).toBe(200);
    expect((await app.inject({ url: `${API}/staff`, headers: bearer })).statusCode).toBe(401);
    expect((await app.inject({ url: `${API}/staff`, headers: admin.headers })).statusCode).toBe(401);
  });

  it('keeps sessions and tokens of a promotion or a rename', async () => {
    const { app, admin, bearer, change } = await adminWithToken();
    expect((await change({ name: 'Renamed Admin', role: 'owner' })).statusCode).toBe(200);
    expect((await app.inject({ url: `${API}/staff`, headers: admin.headers })).statusCode).toBe(200);
    const me = await app.inject({ url: `${API}/auth/me`, headers: bearer });
    // The token keeps its own scope: a promotion of its maker does not raise it.
    expect(me.json().actor.role).toBe('admin');
  });
});
