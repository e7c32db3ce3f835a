import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, "N passed, N failed, N skipped", that any CI log reader can count.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const byDialect = { sqlite: 0, postgres: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' && test.fullName.includes('[sqlite]')) byDialect.sqlite++;
        if (state === 'passed' && test.fullName.includes('[postgres]')) byDialect.postgres++;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++;
    }
    process.stdout.write(
      `\ndatabase tests passed: ${byDialect.sqlite} on sqlite, ${byDialect.postgres} on postgres\n` +
        `tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
