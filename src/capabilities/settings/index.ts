export { formatNavigation, type NavigationLink, navigationLinks, parseNavigation } from './navigation.js';
export { publicationApi } from './publication-api.js';
export type { SettingKey, Settings } from './settings.js';
export { checkSetting, defaultSettings, isSettingKey, SETTING_KEYS, SETTINGS } from './settings.js';
export { settingsApi } from './settings-api.js';
export { getSetting, readSettings, updateSetting } from './settings-service.js';
