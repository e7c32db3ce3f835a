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
    // Three on two cores: most test time is waiting (browsers, child processes, timers, PostgreSQL), not
    // computing. The whole suite took 2,126 s with two workers and 1,670 s with three on the same loaded
    // machine, every test passing in both.
    maxWorkers: 3,
    // expect.poll gives up after 1 s by default: browser journeys waited that long for a post to show and
    // failed on a busy machine. A poll still ends at its first success, so passing tests are not slower.
    expect: { poll: { timeout: 5_000 } },
  },
});
