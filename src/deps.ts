import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { DatabaseHandle } from './platform/database/database.js';
import type { WriteHealth } from './platform/database/write-health.js';
import type { PageCache } from './platform/http/page-cache.js';
import type { PurgeFollower } from './platform/http/purge-log.js';
import type { SiteKeys } from './platform/keys/index.js';
import type { RateLimiter } from './platform/rate-limit/index.js';

/** Everything a capability may need, built once in main.ts (or by a test) and handed down. */
export interface Deps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  /** Rendered reader pages of this process. */
  readonly pageCache: PageCache;
  /** Applies committed purges to pageCache; writers call sync() after they commit. */
  readonly purges: PurgeFollower;
  /** Signing keys shared by every process of the paper (meter cookie, form tokens, hashed addresses). */
  readonly keys: SiteKeys;
  /** Counters for sign-up, sign-in and mail requests; shared through Redis when REDIS_URL is set. */
  readonly rateLimiter: RateLimiter;
  /** Whether writes can succeed (room on the disk); the error handler feeds it, `/readyz` reads it. */
  readonly writeHealth: WriteHealth;
}
