import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import { checkSetting, defaultSettings } from './settings.js';
import { readSettings, updateSetting } from './settings-service.js';

describe('checkSetting', () => {
  it('accepts typed text for a number and keeps whole numbers only', () => {
    expect(checkSetting('wall.free_articles_per_month', '0')).toEqual({
      ok: true,
      key: 'wall.free_articles_per_month',
      value: 0,
    });
    expect(checkSetting('wall.free_articles_per_month', 7)).toMatchObject({ ok: true, value: 7 });
    for (const bad of ['-1', '2.5', 'five', '', 1001]) {
      expect(checkSetting('wall.free_articles_per_month', bad)).toMatchObject({
        ok: false,
        reason: 'invalid_value',
      });
    }
  });

  it('refuses unknown keys, listing the known ones', () => {
    const check = checkSetting('publication.nmae', 'x');
    expect(check).toMatchObject({ ok: false, reason: 'unknown_key' });
    if (!check.ok) expect(check.message).toContain('publication.name');
  });

  it('checks time zones, locales, logos and empty required values', () => {
    expect(checkSetting('publication.timezone', 'Europe/Kyiv').ok).toBe(true);
    expect(checkSetting('publication.timezone', 'Mars/Olympus')).toMatchObject({ ok: false });
    expect(checkSetting('publication.locale', 'en-GB').ok).toBe(true);
    expect(checkSetting('publication.locale', 'en_gb!')).toMatchObject({ ok: false });
    expect(checkSetting('publication.logo', '/media/logo.png').ok).toBe(true);
    expect(checkSetting('publication.logo', 'javascript:alert(1)')).toMatchObject({ ok: false });
    expect(checkSetting('publication.name', '   ')).toMatchObject({ ok: false });
    expect(checkSetting('publication.name', 'x'.repeat(121))).toMatchObject({ ok: false });
  });
});

describeEachDialect('settings service', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');

  it('reads defaults on a new database and stored values after an update', async () => {
    expect(await readSettings(t.database.db)).toEqual(defaultSettings());
    await updateSetting(t.database.db, clock, 'publication.name', '  The Morning Ledger ', 'test');
    await updateSetting(t.database.db, clock, 'wall.free_articles_per_month', '3');
    await updateSetting(t.database.db, clock, 'wall.free_articles_per_month', 4);
    const settings = await readSettings(t.database.db);
    expect(settings['publication.name']).toBe('The Morning Ledger');
    expect(settings['wall.free_articles_per_month']).toBe(4);
  });

  it('refuses a bad value with a stable code and stores nothing', async () => {
    const attempt = updateSetting(t.database.db, clock, 'publication.timezone', 'Nowhere/Land');
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'SETTING_INVALID', status: 400 });
    await expect(updateSetting(t.database.db, clock, 'nope', 'x')).rejects.toMatchObject({
      code: 'SETTING_UNKNOWN',
    });
    const rows = await t.database.db.selectFrom('settings').selectAll().execute();
    expect(rows).toEqual([]);
  });
});
