export { createMemoryRateLimiter, type MemoryRateLimiter } from './memory-rate-limiter.js';
export {
  type RateDecision,
  type RateLimiter,
  type RateLimitLogger,
  type RateRule,
  retryAfterSeconds,
} from './rate-limit.js';
export { createRedisRateLimiter, type RedisRateLimiterOptions } from './redis-rate-limiter.js';
export {
  createSignInGuard,
  KNOWN_DEVICE_MS,
  type SignInGuard,
  type SignInGuardDecision,
  type SignInGuardRules,
} from './sign-in-guard.js';
