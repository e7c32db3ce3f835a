export {
  type KeyPurpose,
  loadSiteKeys,
  type SiteKeys,
  type SiteKeyTables,
  siteKeysFrom,
} from './site-keys.js';
