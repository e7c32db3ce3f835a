import { expect, it } from 'vitest';
import { buildTestApp } from '../test/support/app.js';
import { describeEachDialect } from '../test/support/databases.js';
import { PUBLISH_JOB } from './capabilities/articles/index.js';
import { VARIANTS_JOB } from './capabilities/media/index.js';
import { SEARCH_TIDY_JOB } from './capabilities/search/index.js';
import { loadConfig } from './config.js';
import { systemClock } from './platform/clock.js';
import { createJobWorker, enqueueJob, findJob } from './platform/jobs/index.js';
import { buildWorker, JOB_LANES, jobHandlers } from './worker.js';

const loaded = loadConfig({});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const config = loaded.config;

describeEachDialect('worker lanes', (t) => {
  // An article due now waited 14.5 s behind four photo variant jobs when one loop ran every kind.
  it('publishes a scheduled article due now within 2 s, however many slow photo jobs are queued before it', async () => {
    const db = t.database.db;
    const variantsDone: number[] = [];
    let publishedAt = 0;
    const worker = createJobWorker({
      database: t.database,
      clock: systemClock,
      config,
      lanes: JOB_LANES,
      pollMs: 50,
      logger: { info() {}, warn() {}, error() {} },
      handlers: {
        ...jobHandlers(),
        // Registered by the test under the real kinds: the point is which lane they run in.
        [VARIANTS_JOB]: async () => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          variantsDone.push(Date.now());
        },
        [PUBLISH_JOB]: async () => {
          publishedAt = Date.now();
        },
      },
    });
    for (let i = 0; i < 4; i++) await enqueueJob(db, systemClock, { kind: VARIANTS_JOB, payload: { i } });
    const dueAt = Date.now();
    const publish = (await enqueueJob(db, systemClock, {
      kind: PUBLISH_JOB,
      payload: {},
      runAt: new Date(dueAt),
    }))!;
    worker.start();
    const deadline = dueAt + 10_000;
    while (publishedAt === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const photosBefore = variantsDone.length;
    await worker.stop();
    expect(publishedAt, 'the publish never ran').toBeGreaterThan(0);
    expect(publishedAt - dueAt).toBeLessThan(2000);
    expect(photosBefore).toBeLessThan(4);
    expect(await findJob(db, publish)).toMatchObject({ status: 'done' });
  });
});

it('runs every kind the worker handles in some lane, and no kind in two', () => {
  const laned = Object.values(JOB_LANES).flat();
  expect(new Set(laned).size).toBe(laned.length);
  expect([...laned].sort()).toEqual(Object.keys(jobHandlers()).sort());
});

describeEachDialect('search index upkeep', (t) => {
  it('is queued when the worker starts and run, on SQLite only (PostgreSQL needs none)', async () => {
    const { deps } = await buildTestApp(t.database);
    const worker = buildWorker(deps, { info() {}, warn() {}, error() {} }, 50);
    worker.start();
    const tidies = () =>
      t.database.db.selectFrom('jobs').select(['status']).where('kind', '=', SEARCH_TIDY_JOB).execute();
    const deadline = Date.now() + 10_000;
    while (t.dialect === 'sqlite' && Date.now() < deadline) {
      if ((await tidies()).some((job) => job.status === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    if (t.dialect === 'sqlite') expect(await tidies()).toEqual([{ status: 'done' }]);
    else expect(await tidies()).toEqual([]);
  });
});
