import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/longest-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'newsroom/src/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // The longest files first, from durations recorded in the repository: a fresh clone has no cache.
    sequence: { sequencer: LongestFirstSequencer },
    env: { TZ: 'UTC' },
    // Process tests start node, migrate and hash passwords: slow on a loaded 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // Three on two cores: most test time is waiting (browsers, child processes, timers, PostgreSQL), not
    // computing. The whole suite took 2,126 s with two workers and 1,670 s with three on the same loaded
    // machine, every test passing in both.
    maxWorkers: 3,
    // A worker keeps the modules it imported from one file to the next (ADR 0043): each file imported
    // the app afresh, 214 s of the workers' time in an 820 s run; 21 s with this and the longest files
    // first, and the run took 653 s, every test passing. Tests own their data and build their app with
    // buildApp (no module-level singletons, CONVENTIONS 6); mocks, stubbed globals and environment
    // variables are undone after every test all the same.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
    unstubEnvs: true,
    // expect.poll gives up after 1 s by default: browser journeys waited that long for a post to show and
    // failed on a busy machine. A poll still ends at its first success, so passing tests are not slower.
    expect: { poll: { timeout: 5_000 } },
  },
});
