import { expect, it } from 'vitest';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { parseCsv } from '../../../test/support/csv-reader.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';

const API = '/api/admin/v1';
const DAY = 86_400_000;

describeEachDialect('audit API: filters, paging and the CSV export', (t) => {
  it('records staff changes with names kept, filters by who, what and when, pages, and exports CSV', async () => {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const owner = await signedInAs(deps, 'owner', { name: 'Olive Owner' });
    const admin = await signedInAs(deps, 'admin', { name: 'Adaeze Admin' });
    const editor = await signedInAs(deps, 'editor', { name: '=HYPERLINK("http://evil.example")' });
    const patch = (headers: Record<string, string>, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `${API}/staff/${id}`, headers, payload: body });

    expect((await patch(admin.headers, editor.staff.id, { role: 'reporter' })).statusCode).toBe(200);
    clock.advance(DAY);
    expect((await patch(admin.headers, editor.staff.id, { disabled: true })).statusCode).toBe(200);
    clock.advance(DAY);
    expect((await patch(owner.headers, editor.staff.id, { disabled: false })).statusCode).toBe(200);
    clock.advance(1000);
    // The admin is renamed and then deactivated: the events still say who acted, as they were then.
    expect((await patch(owner.headers, admin.staff.id, { name: 'Renamed', disabled: true })).statusCode).toBe(
      200,
    );

    const list = async (query: string) => {
      const res = await app.inject({ url: `${API}/audit?${query}`, headers: owner.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        items: { action: string; actor: { name: string }; summary: string }[];
        nextCursor: string | null;
      };
    };
    const byAdmin = await list(`actor=${admin.staff.id}`);
    expect(byAdmin.items.map((e) => e.action)).toEqual(['staff.deactivated', 'staff.role-changed']);
    expect(byAdmin.items.every((e) => e.actor.name === 'Adaeze Admin')).toBe(true);
    expect((await list('action=staff.reactivated')).items).toHaveLength(1);
    const day2 = new Date(Date.parse(TEST_NOW) + DAY).toISOString().slice(0, 10);
    expect((await list(`from=${day2}&to=${day2}`)).items.map((e) => e.action)).toEqual(['staff.deactivated']);

    const first = await list('limit=2');
    expect(first.items).toHaveLength(2);
    const rest = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(rest.items.length).toBeGreaterThan(0);
    expect(rest.items.map((e) => e.summary)).not.toContain(first.items[0]!.summary);

    for (const bad of ['from=2026-02-30', 'to=yesterday', 'from=2026-11-05&to=2026-11-01']) {
      const refused = await app.inject({ url: `${API}/audit?${bad}`, headers: owner.headers });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('AUDIT_RANGE_INVALID');
    }
    expect((await app.inject({ url: `${API}/audit?action=nope`, headers: owner.headers })).statusCode).toBe(
      400,
    );
    expect((await app.inject({ url: `${API}/audit?cursor=x`, headers: owner.headers })).statusCode).toBe(400);

    const csv = await app.inject({
      url: `${API}/audit.csv?from=${TEST_NOW.slice(0, 10)}`,
      headers: owner.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual([
      'at',
      'staff_id',
      'staff_name',
      'staff_role',
      'action',
      'subject_kind',
      'subject_id',
      'summary',
    ]);
    expect(rows.slice(1).map((r) => r[4])).toEqual([
      'staff.role-changed',
      'staff.deactivated',
      'staff.reactivated',
      'staff.deactivated',
    ]);
    // A name a spreadsheet would run as a formula is text in the export.
    expect(rows[1]![7]).toMatch(/^'=HYPERLINK/);
    const badCsv = await app.inject({ url: `${API}/audit.csv?to=13/11/2026`, headers: owner.headers });
    expect(badCsv.statusCode).toBe(400);
    const editorAsks = await signedInAs(deps, 'editor');
    expect((await app.inject({ url: `${API}/audit.csv`, headers: editorAsks.headers })).statusCode).toBe(403);
  });
});

describeEachDialect('audit trail: settings and legal documents', (t) => {
  it('records who changed which settings (from and to) and who published a legal version; a refused change records nothing', async () => {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const admin = await signedInAs(deps, 'admin', { name: 'Adaeze Admin' });
    const call = (method: 'PATCH' | 'POST', url: string, payload: Record<string, unknown>) =>
      app.inject({ method, url: `${API}${url}`, headers: admin.headers, payload });

    expect((await call('PATCH', '/settings', { 'wall.free_articles_per_month': 7 })).statusCode).toBe(200);
    // Refused: nothing written, nothing recorded. Unchanged: written, but nothing to record.
    expect((await call('PATCH', '/settings', { 'wall.free_articles_per_month': -1 })).statusCode).toBe(400);
    expect((await call('PATCH', '/settings', { 'wall.free_articles_per_month': 7 })).statusCode).toBe(200);
    clock.advance(1000);
    const published = await call('POST', '/legal/privacy/versions', {
      title: 'Privacy Policy',
      body: 'We keep server logs for 30 days.',
      summaryOfChanges: 'Logs kept 30 days instead of 90.',
      requiresAcceptance: true,
    });
    expect(published.statusCode, published.body).toBe(201);

    const res = await app.inject({ url: `${API}/audit`, headers: admin.headers });
    const items = (
      res.json() as {
        items: {
          action: string;
          actor: { name: string };
          summary: string;
          details: Record<string, unknown>;
        }[];
      }
    ).items;
    expect(items.map((e) => e.action)).toEqual(['legal.published', 'settings.changed']);
    expect(items.every((e) => e.actor.name === 'Adaeze Admin')).toBe(true);
    expect(items[1]!.summary).toBe('Changed wall.free_articles_per_month');
    expect(items[1]!.details['wall.free_articles_per_month']).toEqual({ from: expect.any(Number), to: 7 });
    expect(items[0]!.summary).toMatch(/^Privacy Policy version \d+, requires acceptance$/);
  });
});
