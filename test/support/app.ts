import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { type Clock, fixedClock } from '../../src/platform/clock.js';
import { buildDeps } from '../../src/platform/deps-factory.js';
import type { TestDatabase } from './databases.js';

/** The default test time: a fixed instant, so dates in pages and rows are predictable. */
export const TEST_NOW = '2026-11-16T09:00:00.000Z';

/** The real app over a test database, quiet, with a fixed clock; drive it with app.inject(). */
export async function buildTestApp(
  database: TestDatabase,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<{ app: FastifyInstance; deps: Deps }> {
  const result = loadConfig({
    MASTHEAD_DATA: database.dataDir,
    PUBLIC_URL: 'https://news.example',
    ...options.env,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const deps: Deps = await buildDeps(result.config, database, options.clock ?? fixedClock(TEST_NOW));
  const app = await buildApp(deps, { logger: false });
  return { app, deps };
}
