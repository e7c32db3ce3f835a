import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import type { Clock } from './clock.js';
import type { DatabaseHandle } from './database/database.js';
import { WriteHealth } from './database/write-health.js';
import { EdgePurges } from './http/edge-purges.js';
import { PageCache } from './http/page-cache.js';
import { PurgeFollower } from './http/purge-log.js';
import { loadSiteKeys } from './keys/index.js';
import { createMemoryRateLimiter, type RateLimiter, type RateLimitLogger } from './rate-limit/index.js';
import { paperRedisName } from './redis-names.js';

const silent: RateLimitLogger = { warn() {}, info() {} };

/**
 * Builds the Deps of one process; main.ts and the test app both use it, so both run the same parts.
 * `logger` hears about the shared services' health (Redis going away and coming back).
 */
export async function buildDeps(
  config: Config,
  database: DatabaseHandle,
  clock: Clock,
  logger: RateLimitLogger = silent,
): Promise<Deps> {
  const pageCache = new PageCache({
    clock,
    maxBytes: config.pageCacheBytes,
    surrogateKeyHeader: config.surrogateKeyHeader,
  });
  return {
    config,
    database,
    clock,
    pageCache,
    purges: new PurgeFollower(
      database.db,
      clock,
      pageCache,
      // Several processes: a purge reaches the others at once by Redis pub/sub, the poll as the fallback.
      config.redisUrl ? await redisPurgeChannel(config.redisUrl, database.location, logger) : null,
      // Edges in front: each purge is also sent to them, by the one process that claims it.
      config.edgePurgeUrls.length > 0 ? new EdgePurges({ urls: config.edgePurgeUrls, logger }) : null,
    ),
    keys: await loadSiteKeys(database.db, clock),
    rateLimiter: await buildRateLimiter(config, database.location, clock, logger),
    writeHealth: new WriteHealth(config.dataDir, clock),
  };
}

/**
 * Several web processes must share their counts, or each would allow the whole limit: Redis when configured.
 * The paper's own keys, so papers (and test runs) sharing a Redis never count each other's sign-ins.
 */
async function buildRateLimiter(
  config: Config,
  databaseLocation: string,
  clock: Clock,
  logger: RateLimitLogger,
): Promise<RateLimiter> {
  if (!config.redisUrl) return createMemoryRateLimiter(clock);
  const { createRedisRateLimiter } = await import('./rate-limit/redis-rate-limiter.js');
  const prefix = `${paperRedisName('rate', databaseLocation)}:`;
  return createRedisRateLimiter({ url: config.redisUrl, prefix, clock, logger });
}

/**
 * Redis's client is loaded only when REDIS_URL is set, here and in buildRateLimiter: a paper on one
 * process never needs it, and every process would otherwise carry it (issue 15's memory budget).
 */
async function redisPurgeChannel(url: URL, databaseLocation: string, logger: RateLimitLogger) {
  const { createRedisPurgeChannel } = await import('./http/purge-channel.js');
  return createRedisPurgeChannel({ url, databaseLocation, logger });
}
