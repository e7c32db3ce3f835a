export type { SettingKey, Settings } from './settings.js';
export { checkSetting, defaultSettings, isSettingKey, SETTING_KEYS, SETTINGS } from './settings.js';
export { getSetting, readSettings, updateSetting } from './settings-service.js';
