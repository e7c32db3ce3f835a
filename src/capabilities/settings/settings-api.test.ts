import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { apiToken, signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { SETTING_KEYS } from './settings.js';
import { readSettings } from './settings-service.js';

const url = '/api/admin/v1/settings';

describeEachDialect('settings API', (t) => {
  it('shows admins every key with its value, default and help', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await signedInAs(deps, 'admin');
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.statusCode).toBe(200);
    const settings = res.json().settings;
    expect(settings.map((s: { key: string }) => s.key)).toEqual(SETTING_KEYS);
    expect(settings.find((s: { key: string }) => s.key === 'wall.free_articles_per_month')).toEqual({
      key: 'wall.free_articles_per_month',
      value: 5,
      default: 5,
      kind: 'integer',
      help: expect.stringContaining('registration wall'),
    });
  });

  it('changes several keys at once and records who did it', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await signedInAs(deps, 'admin', { name: 'Ada Admin' });
    const res = await app.inject({
      method: 'PATCH',
      url,
      headers,
      payload: { 'publication.name': ' The Morning Ledger ', 'wall.free_articles_per_month': '3' },
    });
    expect(res.statusCode).toBe(200);
    const byKey = Object.fromEntries(
      res.json().settings.map((s: { key: string; value: unknown }) => [s.key, s.value]),
    );
    expect(byKey['publication.name']).toBe('The Morning Ledger');
    expect(byKey['wall.free_articles_per_month']).toBe(3);
    const rows = await t.database.db
      .selectFrom('settings')
      .select(['key', 'updated_by', 'updated_at'])
      .execute();
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ updated_by: 'Ada Admin', updated_at: '2026-11-16T09:00:00.000Z' });
  });

  it('refuses the whole change when any key is bad, naming every bad key, and writes nothing', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await apiToken(deps, 'admin');
    const res = await app.inject({
      method: 'PATCH',
      url,
      headers,
      payload: {
        'publication.name': 'The Morning Ledger',
        'publication.timezone': 'Mars/Olympus',
        'publication.nmae': 'typo',
        'wall.free_articles_per_month': -1,
      },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.details.fields).toEqual([
      'publication.timezone',
      'publication.nmae',
      'wall.free_articles_per_month',
    ]);
    expect(error.details.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual([
      ['publication.timezone', 'SETTING_INVALID'],
      ['publication.nmae', 'SETTING_UNKNOWN'],
      ['wall.free_articles_per_month', 'SETTING_INVALID'],
    ]);
    expect(error.details.field).toBe('publication.timezone');
    expect((await readSettings(t.database.db))['publication.name']).toBe('Masthead');
    expect(await t.database.db.selectFrom('settings').selectAll().execute()).toEqual([]);

    const empty = await app.inject({ method: 'PATCH', url, headers, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('is for admins and owners only', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const editor = (await signedInAs(deps, 'editor')).headers;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const read = await app.inject({ method: 'GET', url, headers: editor });
    expect(read.statusCode).toBe(403);
    expect(read.json().error.code).toBe('FORBIDDEN');
    const write = await app.inject({
      method: 'PATCH',
      url,
      headers: editor,
      payload: { 'publication.name': 'X' },
    });
    expect(write.statusCode).toBe(403);
    expect((await readSettings(t.database.db))['publication.name']).toBe('Masthead');
    const owner = (await signedInAs(deps, 'owner')).headers;
    expect((await app.inject({ method: 'GET', url, headers: owner })).statusCode).toBe(200);
  });
});
