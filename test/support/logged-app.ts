import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import type { Clock } from '../../src/platform/clock.js';
import { buildDeps } from '../../src/platform/deps-factory.js';
import { addressAsPublicUrl } from './app.js';
import type { TestDatabase } from './databases.js';

export interface CapturedLog {
  /** Every JSON log line so far, parsed. */
  lines(): Array<Record<string, unknown>>;
}

/** The real app like buildTestApp, with its log kept, for tests that check what an operator reads. */
export async function appWithLog(
  database: TestDatabase,
  clock: Clock,
): Promise<{ app: FastifyInstance; deps: Deps; log: CapturedLog }> {
  const result = loadConfig({ MASTHEAD_DATA: database.dataDir, PUBLIC_URL: 'https://news.example' });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const written: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  const deps = await buildDeps(result.config, database, clock);
  const app = await buildApp(deps, { logger: pino({ level: 'info' }, sink) });
  addressAsPublicUrl(app, result.config.publicUrl);
  return {
    app,
    deps,
    log: {
      lines: () =>
        written.flatMap((text) => text.split('\n').filter(Boolean)).map((line) => JSON.parse(line)),
    },
  };
}
