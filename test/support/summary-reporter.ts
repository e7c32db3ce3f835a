import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { DURATIONS_FILE, readDurations } from './longest-first-sequencer.js';

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
    const timed = [...testModules]
      .map((module) => {
        const d = module.diagnostic();
        return { file: module.moduleId, seconds: (d.duration + d.collectDuration + d.setupDuration) / 1000 };
      })
      .sort((a, b) => b.seconds - a.seconds);
    const slowest = timed.slice(0, SLOWEST);
    const root = `${process.cwd()}/`;
    if (process.env.RECORD_TEST_DURATIONS === '1') recordDurations(timed, process.cwd());
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

/**
 * Writes each file's seconds for the longest-first sequencer (`npm run test:durations`), rounded so a
 * new recording changes only the files whose time moved. Files this run did not run keep their
 * figure; deleted files lose theirs.
 */
function recordDurations(timed: ReadonlyArray<{ file: string; seconds: number }>, root: string): void {
  const durations = readDurations();
  for (const { file, seconds } of timed) durations[path.relative(root, file)] = Math.round(seconds);
  const sorted = Object.fromEntries(
    Object.entries(durations)
      .filter(([file]) => fs.existsSync(path.join(root, file)))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  fs.writeFileSync(DURATIONS_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  process.stdout.write(`test durations written to ${path.relative(root, DURATIONS_FILE)}\n`);
}
