import type { Reporter, TestModule } from 'vitest/node';

/** How many of the slowest test files the summary names: where CI's time goes, to keep it under 35 minutes. */
const SLOWEST = 15;

/**
 * Ends the run with the slowest test files and one plain line, "N passed, N failed, N skipped", that
 * any CI log reader can count.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const byDialect = { sqlite: 0, postgres: 0 };
    // Passed only on a second try (browser journeys in CI, ADR 0038): named, so flakiness is seen.
    const secondTry: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' && test.fullName.includes('[sqlite]')) byDialect.sqlite++;
        if (state === 'passed' && test.fullName.includes('[postgres]')) byDialect.postgres++;
        if (state === 'passed' && test.diagnostic()?.flaky) secondTry.push(test.fullName);
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++;
    }
    const slowest = [...testModules]
      .map((module) => {
        const d = module.diagnostic();
        return { file: module.moduleId, seconds: (d.duration + d.collectDuration + d.setupDuration) / 1000 };
      })
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    const root = `${process.cwd()}/`;
    process.stdout.write(
      `\nslowest test files (seconds, tests and hooks):\n${slowest
        .map(({ file, seconds }) => `  ${seconds.toFixed(1).padStart(7)}  ${file.replace(root, '')}`)
        .join('\n')}\n` +
        `\ndatabase tests passed: ${byDialect.sqlite} on sqlite, ${byDialect.postgres} on postgres\n` +
        `tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n` +
        `passed only on a second try: ${secondTry.length}${secondTry.map((name) => `\n  ${name}`).join('')}\n`,
    );
  }
}
