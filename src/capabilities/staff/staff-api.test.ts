import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const API = '/api/admin/v1';
const PASSWORD = 'a long enough password';

describeEachDialect('staff accounts API', (t) => {
  it('lists staff for admins and above only', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin', { email: 'admin@news.example', name: 'Adaeze Admin' });
    const editor = await signedInAs(deps, 'editor');
    const list = await app.inject({ url: `${API}/staff`, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().staff.map((s: { email: string }) => s.email)).toEqual([
      'admin@news.example',
      editor.staff.email,
    ]);
    expect(list.body).not.toContain('argon2');
    const refused = await app.inject({ url: `${API}/staff`, headers: editor.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'admin' } });
    const token = await apiToken(deps, 'editor');
    expect((await app.inject({ url: `${API}/staff`, headers: token.headers })).statusCode).toBe(403);
  });

  it('names every active colleague to any staff member, without addresses or roles', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin', { name: 'Adaeze Admin' });
    const contributor = await signedInAs(deps, 'contributor', { name: 'Cato Contributor' });
    const gone = await signedInAs(deps, 'reporter', { name: 'Gus Gone' });
    const disabled = await app.inject({
      method: 'PATCH',
      url: `${API}/staff/${gone.staff.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const list = await app.inject({ url: `${API}/staff/colleagues`, headers: contributor.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      colleagues: [
        { id: admin.staff.id, name: 'Adaeze Admin' },
        { id: contributor.staff.id, name: 'Cato Contributor' },
      ],
    });
    expect((await app.inject({ url: `${API}/staff/colleagues` })).statusCode).toBe(401);
  });

  it('lets an admin add up to editor, and only an owner add admins and owners', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin');
    const owner = await signedInAs(deps, 'owner');
    const add = (headers: Record<string, string>, role: string, email: string) =>
      app.inject({
        method: 'POST',
        url: `${API}/staff`,
        headers,
        payload: { email, name: 'New Hire', role, password: PASSWORD },
      });

    const editor = await add(admin.headers, 'editor', 'Editor@News.example');
    expect(editor.statusCode).toBe(201);
    expect(editor.json().staff).toMatchObject({
      email: 'editor@news.example',
      role: 'editor',
      disabled: false,
    });

    for (const role of ['admin', 'owner']) {
      const refused = await add(admin.headers, role, `${role}@news.example`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'role' } });
      expect((await add(owner.headers, role, `${role}@news.example`)).statusCode).toBe(201);
    }

    const taken = await add(owner.headers, 'reporter', 'EDITOR@news.example');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'STAFF_EMAIL_TAKEN', details: { field: 'email' } });
    const short = await app.inject({
      method: 'POST',
      url: `${API}/staff`,
      headers: owner.headers,
      payload: { email: 'x@news.example', name: 'X', role: 'reporter', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'password' } });
  });

  it('changes name and role within the rules', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin');
    const reporter = await signedInAs(deps, 'reporter');
    const other = await signedInAs(deps, 'admin');
    const patch = (headers: Record<string, string>, id: string, payload: object) =>
      app.inject({ method: 'PATCH', url: `${API}/staff/${id}`, headers, payload });

    const promoted = await patch(admin.headers, reporter.staff.id, {
      role: 'editor',
      name: ' Rita Reporter ',
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().staff).toMatchObject({ role: 'editor', name: 'Rita Reporter' });
    // The new role applies on the very next request of the same session.
    const me = await app.inject({ url: `${API}/auth/me`, headers: reporter.headers });
    expect(me.json().actor.role).toBe('editor');

    const raise = await patch(admin.headers, reporter.staff.id, { role: 'admin' });
    expect(raise.statusCode).toBe(403);
    expect(raise.json().error.code).toBe('FORBIDDEN');
    const demoteAdmin = await patch(admin.headers, other.staff.id, { role: 'editor' });
    expect(demoteAdmin.statusCode).toBe(403);
    const byReporter = await patch(reporter.headers, admin.staff.id, { name: 'X' });
    expect(byReporter.statusCode).toBe(403);

    const empty = await patch(admin.headers, reporter.staff.id, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const blank = await patch(admin.headers, reporter.staff.id, { name: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'name' } });
    const missing = await patch(admin.headers, 'nobody', { name: 'X' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('never demotes or disables the last active owner (409 LAST_OWNER)', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const owner = await signedInAs(deps, 'owner');
    const patch = (headers: Record<string, string>, id: string, payload: object) =>
      app.inject({ method: 'PATCH', url: `${API}/staff/${id}`, headers, payload });

    for (const payload of [{ role: 'admin' }, { disabled: true }]) {
      const res = await patch(owner.headers, owner.staff.id, payload);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('LAST_OWNER');
    }
    expect((await patch(owner.headers, owner.staff.id, { name: 'Still Owner' })).statusCode).toBe(200);

    const second = await signedInAs(deps, 'owner');
    expect((await patch(owner.headers, second.staff.id, { disabled: true })).statusCode).toBe(200);
    // The disabled owner does not count: the first is the last active one again.
    expect((await patch(owner.headers, owner.staff.id, { role: 'editor' })).statusCode).toBe(409);
    expect((await patch(owner.headers, second.staff.id, { disabled: false })).statusCode).toBe(200);
    const stepDown = await patch(owner.headers, owner.staff.id, { role: 'editor' });
    expect(stepDown.statusCode).toBe(200);
    expect(stepDown.json().staff.role).toBe('editor');
  });

  it('disabling ends every session of the account at once; enabling does not bring them back', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const admin = await signedInAs(deps, 'admin');
    const email = 'leaving@news.example';
    const leaving = await signedInAs(deps, 'reporter', { email });
    expect((await app.inject({ url: `${API}/auth/me`, headers: leaving.headers })).statusCode).toBe(200);

    const res = await app.inject({
      method: 'PATCH',
      url: `${API}/staff/${leaving.staff.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().staff.disabled).toBe(true);
    const sessions = await deps.database.db
      .selectFrom('staff_sessions')
      .where('staff_id', '=', leaving.staff.id)
      .selectAll()
      .execute();
    expect(sessions).toHaveLength(0);
    expect((await app.inject({ url: `${API}/auth/me`, headers: leaving.headers })).statusCode).toBe(401);

    await app.inject({
      method: 'PATCH',
      url: `${API}/staff/${leaving.staff.id}`,
      headers: admin.headers,
      payload: { disabled: false },
    });
    expect((await app.inject({ url: `${API}/auth/me`, headers: leaving.headers })).statusCode).toBe(401);
  });
});
