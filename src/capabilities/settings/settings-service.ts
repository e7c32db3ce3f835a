import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { AppError } from '../../platform/http/errors.js';
import { queuePurge } from '../../platform/http/purge-log.js';
import {
  checkSetting,
  defaultSettings,
  isSettingKey,
  type SettingKey,
  type Settings,
  settingErrorCode,
  storedSettingValue,
} from './settings.js';
import { findStoredSettings, upsertSetting } from './settings-repository.js';

/** Every setting, stored values over defaults. A stored value this build no longer knows is ignored. */
export async function readSettings(db: Db): Promise<Settings> {
  const settings: Record<string, unknown> = { ...defaultSettings() };
  for (const row of await findStoredSettings(db)) {
    if (!isSettingKey(row.key)) continue;
    const check = checkSetting(row.key, storedSettingValue(row.key, JSON.parse(row.value)));
    if (check.ok) settings[row.key] = check.value;
  }
  return settings as unknown as Settings;
}

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<Settings[K]> {
  return (await readSettings(db))[key];
}

/** Checks and stores one setting; throws SETTING_UNKNOWN or SETTING_INVALID (400) naming the key. */
export async function updateSetting(
  db: Db,
  clock: Clock,
  key: string,
  raw: unknown,
  updatedBy: string | null = null,
): Promise<string | number> {
  const check = checkSetting(key, raw);
  if (!check.ok) {
    throw new AppError(settingErrorCode(check.reason), 400, check.message, { field: key });
  }
  // The masthead, footer and every page's head come from settings.
  await queuePurge(db, clock, [CacheKey.site]);
  await upsertSetting(db, {
    key: check.key,
    value: JSON.stringify(check.value),
    updated_at: isoTime(clock.now()),
    updated_by: updatedBy,
  });
  return check.value;
}
