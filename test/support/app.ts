import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { LiveDocumentOptions } from '../../src/capabilities/coediting/index.js';
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
  options: { clock?: Clock; env?: Record<string, string>; live?: LiveDocumentOptions } = {},
): Promise<{ app: FastifyInstance; deps: Deps }> {
  const result = loadConfig({
    MASTHEAD_DATA: database.dataDir,
    PUBLIC_URL: 'https://news.example',
    // As behind an edge: tests read a page's keys from its header (surrogate-key-header.test.ts checks the default).
    SURROGATE_KEYS: 'true',
    ...options.env,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const deps: Deps = await buildDeps(result.config, database, options.clock ?? fixedClock(TEST_NOW));
  const app = await buildApp(deps, { logger: false, ...(options.live ? { live: options.live } : {}) });
  addressAsPublicUrl(app, result.config.publicUrl);
  return { app, deps };
}

/**
 * light-my-request sends `Host: localhost:80` unless told otherwise, and the app redirects pages
 * asked for at another host than PUBLIC_URL's (canonical-host.ts). A browser on the site sends
 * PUBLIC_URL's host, so injected requests do too unless a test gives its own Host header.
 */
export function addressAsPublicUrl(app: FastifyInstance, publicUrl: URL): void {
  const inject = app.inject.bind(app) as (options: InjectOptions | string) => Promise<unknown>;
  const addressed = (options: InjectOptions | string): InjectOptions => {
    const given = typeof options === 'string' ? { url: options } : options;
    const headers = { host: publicUrl.host, ...(given.headers as Record<string, string> | undefined) };
    return { ...given, headers };
  };
  app.inject = ((options?: InjectOptions | string) => {
    if (options === undefined) throw new Error('buildTestApp: call app.inject with options or a URL');
    return inject(addressed(options));
  }) as FastifyInstance['inject'];
}

/** One Admin API request: `url` below /api/admin/v1, a JSON body when given. */
export function adminCall(
  app: FastifyInstance,
  method: string,
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) {
  return app.inject({
    method: method as 'GET',
    url: `/api/admin/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
