export { createMemoryRateLimiter, type MemoryRateLimiter } from './memory-rate-limiter.js';
export {
  type RateDecision,
  type RateLimiter,
  type RateLimitLogger,
  type RateRule,
  retryAfterSeconds,
} from './rate-limit.js';
// The Redis limiter is imported where it is built (deps-factory.ts), only when REDIS_URL is set: ioredis
// would otherwise load into every process.
export type { RedisRateLimiterOptions } from './redis-rate-limiter.js';
export {
  createSignInGuard,
  KNOWN_DEVICE_MS,
  type SignInGuard,
  type SignInGuardDecision,
  type SignInGuardRules,
} from './sign-in-guard.js';
