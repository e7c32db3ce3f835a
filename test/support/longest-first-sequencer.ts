import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds each test file took in a recorded full run, by path from the repository's root. */
export const DURATIONS_FILE = path.resolve(import.meta.dirname, 'test-durations.json');

export function readDurations(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * The files longest first by `durations` (seconds by path from `root`); files not recorded first of
 * all, in the order given, as vitest starts files it does not know.
 */
export function longestFirst<T extends { moduleId: string }>(
  files: readonly T[],
  durations: Readonly<Record<string, number>>,
  root: string,
): T[] {
  const seconds = (file: T) => durations[path.relative(root, file.moduleId)] ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => {
    const [x, y] = [seconds(a), seconds(b)];
    return x === y ? 0 : x > y ? -1 : 1;
  });
}

/**
 * Starts the longest test files first, so the three workers finish together (ADR 0043). Vitest
 * orders by the durations it caches in node_modules; a fresh clone (CI) has none, and vitest then
 * starts the largest files first, though size says little about time: the build test, the slowest file
 * in session 17's runs (253 s), is 20th of 199 by size. The durations come from a full run recorded in
 * the repository (`npm run test:durations`).
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longestFirst(files, readDurations(), this.ctx.config.root);
  }
}
