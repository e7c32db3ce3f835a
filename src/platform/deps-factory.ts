import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import type { Clock } from './clock.js';
import type { DatabaseHandle } from './database/database.js';
import { PageCache } from './http/page-cache.js';
import { PurgeFollower } from './http/purge-log.js';

/** Builds the Deps of one process; main.ts and the test app both use it, so both run the same parts. */
export function buildDeps(config: Config, database: DatabaseHandle, clock: Clock): Deps {
  const pageCache = new PageCache();
  return { config, database, clock, pageCache, purges: new PurgeFollower(database.db, clock, pageCache) };
}
