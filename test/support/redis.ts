import { Redis } from 'ioredis';

/** The Redis tests use: TEST_REDIS_URL, or the one on this machine. */
export const TEST_REDIS_URL = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');

/** Whether a Redis answers at `url` (tests that need one skip without it, and fail in CI). */
export async function redisAnswers(url: URL = TEST_REDIS_URL): Promise<boolean> {
  const probe = new Redis(url.href, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
