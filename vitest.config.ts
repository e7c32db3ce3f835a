import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'newsroom/src/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { TZ: 'UTC' },
    // Process tests start node, migrate and hash passwords: slow on a loaded 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Two cores: one worker per core keeps database tests from starving each other.
    maxWorkers: 2,
  },
});
