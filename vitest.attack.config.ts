import { defineConfig } from 'vitest/config';

/**
 * `npm run test:attack`: the slow attack tools (sqlmap) against the real server, kept out of
 * `npm test` so a developer's everyday run stays quick; `.ci/run` runs both.
 */
export default defineConfig({
  test: {
    include: ['test/attack/**/*.attack.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
    env: { TZ: 'UTC' },
    testTimeout: 900_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
