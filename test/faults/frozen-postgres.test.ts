import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import type { DatabaseHandle } from '../../src/platform/database/database.js';
import { connect, readConfig } from '../../src/platform/runtime/startup.js';
import { TEST_NOW } from '../support/app.js';
import { signedInAs } from '../support/auth.js';
import { appWithLog } from '../support/logged-app.js';
import {
  type PrivatePostgres,
  privatePostgresMissing,
  startPrivatePostgres,
} from '../support/private-postgres.js';

const missing = privatePostgresMissing();
if (missing) console.warn(`[frozen-postgres] skipped: ${missing}`);

/** The bound under test: 1 s per statement, so the client gives up 2 s after sending. */
const STATEMENT_MS = 1000;
const ANSWER_WITHIN_MS = 4000;

/** Fails instead of hanging for as long as the server stays frozen (the fault being fixed). */
async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const begun = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ANSWER_WITHIN_MS * 2} ms`)),
      ANSWER_WITHIN_MS * 2,
    );
  });
  try {
    const result = await Promise.race([work, limit]);
    return { result, ms: Date.now() - begun };
  } finally {
    clearTimeout(timer);
  }
}

let server: PrivatePostgres | undefined;
let database: DatabaseHandle | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  server?.thaw();
  await database?.close();
  server?.remove();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  server = database = dataDir = undefined;
});

describe.skipIf(missing !== null)('a frozen PostgreSQL [postgres]', () => {
  it('answers 503 DATABASE_UNAVAILABLE within the bound, keeps serving cached pages, and recovers', async () => {
    server = await startPrivatePostgres();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-frozen-'));
    const config = readConfig({
      DATABASE_URL: server.url,
      MASTHEAD_DATA: dataDir,
      DATABASE_CONNECT_TIMEOUT_MS: String(STATEMENT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
    });
    database = await connect(config, { migrate: true, bounded: true });
    const { app, deps, log } = await appWithLog({ ...database, dataDir }, fixedClock(TEST_NOW));
    const editor = await signedInAs(deps, 'editor');
    const sections = () => app.inject({ url: '/api/admin/v1/sections', headers: editor.headers });
    expect((await sections()).statusCode).toBe(200);
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);

    server.freeze();

    const cached = await timed(app.inject('/'));
    expect(cached.result.statusCode).toBe(200);
    expect(cached.result.body).toBe(home.body);
    expect(cached.ms).toBeLessThan(500);

    // The Admin API: the session look-up meets the frozen server.
    const api = await timed(sections());
    expect(api.result.statusCode).toBe(503);
    expect(api.result.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(api.result.headers['retry-after']).toBe('10');
    expect(api.ms).toBeLessThan(ANSWER_WITHIN_MS);

    // A reader page not cached yet: plain words at once, no second wait for the error page's settings.
    const page = await timed(app.inject('/search?q=weather'));
    expect(page.result.statusCode).toBe(503);
    expect(page.result.body).toContain('cannot reach its database');
    expect(page.ms).toBeLessThan(ANSWER_WITHIN_MS);

    // More requests than the pool has connections: waiting for a free one is bounded too.
    const many = await timed(Promise.all(Array.from({ length: 12 }, () => sections())));
    expect(many.result.map((r) => r.statusCode)).toEqual(Array(12).fill(503));
    expect(many.ms).toBeLessThan(ANSWER_WITHIN_MS * 2);

    expect(log.lines().find((line) => line.code === 'DATABASE_UNAVAILABLE')).toBeTruthy();

    server.thaw();
    const deadline = Date.now() + 10_000;
    let after = await sections();
    while (after.statusCode !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await sections();
    }
    expect(after.statusCode).toBe(200);
  });
});
