import { expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { linksIn } from '../../../test/support/smtp.js';
import { mailTo } from '../../../test/support/staff-security.js';
import { fixedClock } from '../../platform/clock.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { INVITATION_MS } from './staff-invitation.js';

const API = '/api/admin/v1';
const PASSWORD = 'a long enough password';

describeEachDialect('staff invitations API', (t) => {
  async function setUp() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const admin = await signedInAs(deps, 'admin', { name: 'Adaeze Admin' });
    const invite = (body: Record<string, unknown>, headers = admin.headers) =>
      app.inject({ method: 'POST', url: `${API}/staff/invitations`, headers, payload: body });
    const tokenOf = async (email: string) => {
      const mail = await mailTo(deps, email);
      const link = linksIn(mail.at(-1)!).find((l) => l.includes('/newsroom/join#token='));
      return new URL(link!).hash.slice('#token='.length);
    };
    const accept = (token: string, password = PASSWORD) =>
      app.inject({ method: 'POST', url: `${API}/auth/invitation/accept`, payload: { token, password } });
    return { app, deps, clock, admin, invite, tokenOf, accept };
  }

  it('invites by mail; the link signs the invitee in once, with the invited name and role', async () => {
    const { app, admin, invite, tokenOf, accept } = await setUp();
    const sent = await invite({ email: 'Eda@News.example', name: ' Eda Editor ', role: 'editor' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().invitation).toMatchObject({
      email: 'eda@news.example',
      name: 'Eda Editor',
      role: 'editor',
      state: 'pending',
      invitedBy: { name: 'Adaeze Admin' },
    });
    expect(sent.body).not.toContain('token');
    const listed = await app.inject({ url: `${API}/staff/invitations`, headers: admin.headers });
    expect(listed.json().invitations.map((i: { email: string }) => i.email)).toEqual(['eda@news.example']);

    const token = await tokenOf('eda@news.example');
    const shown = await app.inject({ method: 'POST', url: `${API}/auth/invitation`, payload: { token } });
    expect(shown.json().invitation).toMatchObject({ name: 'Eda Editor', invitedBy: 'Adaeze Admin' });

    const short = await accept(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'password' } });

    const joined = await accept(token);
    expect(joined.statusCode).toBe(200);
    expect(joined.json().staff).toMatchObject({ email: 'eda@news.example', role: 'editor' });
    const cookie = joined.cookies.find((c) => c.name === SESSION_COOKIE);
    const me = await app.inject({
      url: `${API}/auth/me`,
      headers: { cookie: `${SESSION_COOKIE}=${cookie!.value}` },
    });
    expect(me.json().staff).toMatchObject({ name: 'Eda Editor', role: 'editor' });

    const used = await accept(token);
    expect(used.statusCode).toBe(400);
    expect(used.json().error).toMatchObject({ code: 'INVITATION_INVALID', details: { reason: 'accepted' } });
    const staff = await app.inject({ url: `${API}/staff`, headers: admin.headers });
    const eda = staff.json().staff.find((s: { email: string }) => s.email === 'eda@news.example');
    expect(eda).toMatchObject({ twoFactor: false, lastSignInAt: TEST_NOW, disabled: false });
    expect(
      (await app.inject({ url: `${API}/staff/invitations`, headers: admin.headers })).json().invitations,
    ).toEqual([]);
  });

  it('refuses expired, unknown, replaced and cancelled links with words that say which', async () => {
    const { app, clock, admin, invite, tokenOf, accept } = await setUp();
    await invite({ email: 'rhea@news.example', name: 'Rhea Reporter', role: 'reporter' });
    const first = await tokenOf('rhea@news.example');
    clock.advance(1000);
    const resent = await invite({ email: 'rhea@news.example', name: 'Rhea Reporter', role: 'reporter' });
    const replaced = await accept(first);
    expect(replaced.json().error).toMatchObject({
      code: 'INVITATION_INVALID',
      details: { reason: 'unknown' },
    });
    expect((await accept('no-such-token')).json().error.details.reason).toBe('unknown');

    const second = await tokenOf('rhea@news.example');
    clock.advance(INVITATION_MS);
    const expired = await accept(second);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toMatchObject({ details: { reason: 'expired' } });
    expect(expired.json().error.message).toContain('expired');

    // Sent again: a new link, 72 new hours; the expired one stays dead.
    const id = resent.json().invitation.id;
    const listed = await app.inject({ url: `${API}/staff/invitations`, headers: admin.headers });
    expect(listed.json().invitations[0]).toMatchObject({ id, state: 'expired' });
    const again = await app.inject({
      method: 'POST',
      url: `${API}/staff/invitations/${id}/resend`,
      headers: admin.headers,
      payload: {},
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().invitation.state).toBe('pending');
    const third = await tokenOf('rhea@news.example');
    expect((await accept(second)).json().error.details.reason).toBe('unknown');

    const cancelled = await app.inject({
      method: 'DELETE',
      url: `${API}/staff/invitations/${id}`,
      headers: admin.headers,
    });
    expect(cancelled.statusCode).toBe(204);
    expect((await accept(third)).json().error.details.reason).toBe('unknown');
    const gone = await app.inject({
      method: 'DELETE',
      url: `${API}/staff/invitations/${id}`,
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it('keeps to the role rules and refuses bad input by field', async () => {
    const { deps, admin, invite } = await setUp();
    const owner = await signedInAs(deps, 'owner');
    const editor = await signedInAs(deps, 'editor');
    const above = await invite({ email: 'a@news.example', name: 'A', role: 'admin' });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'role' } });
    expect(
      (await invite({ email: 'a@news.example', name: 'A', role: 'admin' }, owner.headers)).statusCode,
    ).toBe(201);
    expect(
      (await invite({ email: 'b@news.example', name: 'B', role: 'reporter' }, editor.headers)).statusCode,
    ).toBe(403);
    const token = await apiToken(deps, 'admin');
    expect(
      (await invite({ email: 'c@news.example', name: 'C', role: 'reporter' }, token.headers)).statusCode,
    ).toBe(201);

    const badEmail = await invite({ email: 'not-an-address', name: 'X', role: 'editor' });
    expect(badEmail.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'email' } });
    const noName = await invite({ email: 'x@news.example', name: '  ', role: 'editor' });
    expect(noName.json().error).toMatchObject({ code: 'STAFF_INVALID', details: { field: 'name' } });
    expect((await invite({ email: 'x@news.example', name: 'X', role: 'chief' })).statusCode).toBe(400);
    expect((await invite({ email: 'x@news.example' })).statusCode).toBe(400);
    const taken = await invite({ email: admin.staff.email, name: 'Again', role: 'editor' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'STAFF_EMAIL_TAKEN', details: { field: 'email' } });
  });
});
