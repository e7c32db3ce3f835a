import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { loadConfig } from '../../config.js';
import { fixedClock, systemClock } from '../clock.js';
import { backoffMs, cancelJobs, enqueueJob, findJob } from './job-queue.js';
import { createJobWorker, type JobHandler, type JobLogger } from './job-worker.js';

const START = '2026-11-16T09:00:00.000Z';

const loaded = loadConfig({});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const config = loaded.config;

function quietLogger(): JobLogger & { lines: string[] } {
  const lines: string[] = [];
  const log = (_details: object, message: string) => {
    lines.push(message);
  };
  return { lines, info: log, warn: log, error: log };
}

describe('backoffMs', () => {
  it('doubles from 30 seconds and stops at an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });
});

describeEachDialect('jobs', (t) => {
  function setup(handlers: Record<string, JobHandler>) {
    const clock = fixedClock(START);
    const worker = createJobWorker({ database: t.database, clock, config, handlers, logger: quietLogger() });
    return { clock, worker, db: t.database.db };
  }

  it('runs a due job once with its payload and marks it done', async () => {
    const seen: unknown[] = [];
    const { clock, worker, db } = setup({
      'test.note': async (payload, ctx) => {
        seen.push({ payload, attempt: ctx.attempt, jobId: ctx.jobId });
      },
    });
    const id = await enqueueJob(db, clock, { kind: 'test.note', payload: { articleId: 'a1' } });
    expect(id).toEqual(expect.any(String));
    expect(await worker.runDue()).toBe(1);
    expect(await worker.runDue()).toBe(0);
    expect(seen).toEqual([{ payload: { articleId: 'a1' }, attempt: 1, jobId: id }]);
    expect(await findJob(db, id!)).toMatchObject({
      status: 'done',
      attempts: 1,
      finished_at: START,
      locked_until: null,
    });
  });

  it('waits for run_at, then catches up on a job that fell due while nothing polled', async () => {
    let runs = 0;
    const { clock, worker, db } = setup({ 'test.note': async () => void runs++ });
    await enqueueJob(db, clock, { kind: 'test.note', payload: {}, runAt: new Date('2026-11-16T10:00:00Z') });
    expect(await worker.runDue()).toBe(0);
    clock.set('2026-11-17T08:00:00Z');
    expect(await worker.runDue()).toBe(1);
    expect(runs).toBe(1);
  });

  it('retries a failing job with growing backoff, then succeeds', async () => {
    let calls = 0;
    const { clock, worker, db } = setup({
      'test.flaky': async () => {
        calls += 1;
        if (calls < 3) throw new Error(`receiver down (${calls})`);
      },
    });
    const id = (await enqueueJob(db, clock, { kind: 'test.flaky', payload: {} }))!;
    expect(await worker.runDue()).toBe(1);
    expect(await findJob(db, id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      run_at: '2026-11-16T09:00:30.000Z',
      last_error: 'receiver down (1)',
    });
    clock.advance(29_999);
    expect(await worker.runDue()).toBe(0);
    clock.advance(1);
    expect(await worker.runDue()).toBe(1);
    expect(await findJob(db, id)).toMatchObject({
      status: 'queued',
      attempts: 2,
      run_at: '2026-11-16T09:01:30.000Z',
      last_error: 'receiver down (2)',
    });
    clock.advance(60_000);
    expect(await worker.runDue()).toBe(1);
    expect(await findJob(db, id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('fails a job for good after max_attempts, keeping the last error', async () => {
    const { clock, worker, db } = setup({
      'test.broken': async (_payload, ctx) => {
        throw new Error(`attempt ${ctx.attempt} of ${ctx.maxAttempts}`);
      },
    });
    const id = (await enqueueJob(db, clock, { kind: 'test.broken', payload: {}, maxAttempts: 2 }))!;
    await worker.runDue();
    clock.advance(backoffMs(1));
    await worker.runDue();
    clock.advance(24 * 3_600_000);
    expect(await worker.runDue()).toBe(0);
    expect(await findJob(db, id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      last_error: 'attempt 2 of 2',
      finished_at: '2026-11-16T09:00:30.000Z',
    });
  });

  it('fails a job whose payload or kind has no handler in this worker only when it claims it', async () => {
    const { clock, worker, db } = setup({ 'test.note': async () => {} });
    const other = (await enqueueJob(db, clock, { kind: 'mail.send', payload: {} }))!;
    expect(await worker.runDue()).toBe(0);
    expect(await findJob(db, other)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('keeps one live job per unique key; cancel and completion free the key', async () => {
    let runs = 0;
    const { clock, worker, db } = setup({ 'article.publish': async () => void runs++ });
    const job = { kind: 'article.publish', payload: { articleId: 'a1' }, uniqueKey: 'article.publish:a1' };
    const first = await enqueueJob(db, clock, { ...job, runAt: new Date('2026-11-16T12:00:00Z') });
    expect(first).not.toBeNull();
    expect(await enqueueJob(db, clock, job)).toBeNull();
    expect(await db.selectFrom('jobs').select('id').execute()).toHaveLength(1);

    // Rescheduling: cancel the queued job, enqueue the new time.
    expect(await cancelJobs(db, 'article.publish:a1')).toBe(1);
    expect(await cancelJobs(db, 'article.publish:a1')).toBe(0);
    const second = await enqueueJob(db, clock, job);
    expect(second).not.toBeNull();
    expect(await worker.runDue()).toBe(1);
    expect(await cancelJobs(db, 'article.publish:a1')).toBe(0);

    // Scheduled again later: the finished job no longer holds the key.
    const third = await enqueueJob(db, clock, job);
    expect(third).not.toBeNull();
    expect(third).not.toBe(second);
    expect(await worker.runDue()).toBe(1);
    expect(runs).toBe(2);
  });

  it('enqueues inside the caller transaction: a duplicate key leaves it usable, a rollback adds nothing', async () => {
    const { clock, db } = setup({});
    await db.transaction().execute(async (trx) => {
      expect(await enqueueJob(trx, clock, { kind: 'k', payload: {}, uniqueKey: 'u' })).not.toBeNull();
      expect(await enqueueJob(trx, clock, { kind: 'k', payload: {}, uniqueKey: 'u' })).toBeNull();
      // On PostgreSQL a caught unique violation would have aborted the transaction here.
      expect(await trx.selectFrom('jobs').select('id').execute()).toHaveLength(1);
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, clock, { kind: 'k', payload: {}, uniqueKey: 'v' });
        throw new Error('the article save failed');
      }),
    ).rejects.toThrow('the article save failed');
    const keys = await db.selectFrom('jobs').select('unique_key').execute();
    expect(keys).toEqual([{ unique_key: 'u' }]);
  });

  it('takes over a running job whose claim lapsed, but not one still held', async () => {
    const attempts: number[] = [];
    const { clock, worker, db } = setup({ 'test.note': async (_p, ctx) => void attempts.push(ctx.attempt) });
    const held = (await enqueueJob(db, clock, { kind: 'test.note', payload: {} }))!;
    const lapsed = (await enqueueJob(db, clock, { kind: 'test.note', payload: {} }))!;
    const dead = (await enqueueJob(db, clock, { kind: 'test.note', payload: {}, maxAttempts: 1 }))!;
    // Three workers died mid-job: two claims have lapsed, one (for all it knows) is still working.
    await db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 1, locked_until: '2026-11-16T09:05:00.000Z' })
      .where('id', '=', held)
      .execute();
    await db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 1, locked_until: '2026-11-16T08:59:00.000Z' })
      .where('id', 'in', [lapsed, dead])
      .execute();

    expect(await worker.runDue()).toBe(1);
    expect(attempts).toEqual([2]);
    expect(await findJob(db, lapsed)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await findJob(db, held)).toMatchObject({ status: 'running', attempts: 1 });
    expect(await findJob(db, dead)).toMatchObject({
      status: 'failed',
      last_error: expect.stringContaining('claim lapsed'),
    });

    clock.set('2026-11-16T09:05:00.001Z');
    expect(await worker.runDue()).toBe(1);
    expect(await findJob(db, held)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('never runs a job twice when two workers poll at once', async () => {
    const runs: string[] = [];
    const handler: JobHandler = async (_payload, ctx) => {
      runs.push(ctx.jobId);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    const clock = fixedClock(START);
    const db = t.database.db;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push((await enqueueJob(db, clock, { kind: 'test.note', payload: { i } }))!);
    }
    const make = () =>
      createJobWorker({
        database: t.database,
        clock,
        config,
        handlers: { 'test.note': handler },
        logger: quietLogger(),
      });
    const [a, b] = [make(), make()];
    const counts = await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(30);
    expect(runs).toHaveLength(30);
    expect(new Set(runs)).toEqual(new Set(ids));
    const done = await db.selectFrom('jobs').select('id').where('status', '=', 'done').execute();
    expect(done).toHaveLength(30);
  });

  it('polls after start() and stop() waits for the job in hand', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const clock = fixedClock(START);
    const worker = createJobWorker({
      database: t.database,
      clock,
      config,
      pollMs: 5,
      logger: quietLogger(),
      handlers: {
        'test.slow': async () => {
          entered();
          await gate;
        },
      },
    });
    const id = (await enqueueJob(t.database.db, clock, { kind: 'test.slow', payload: {} }))!;
    worker.start();
    await inHandler;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await findJob(t.database.db, id)).toMatchObject({ status: 'done' });
    // Nothing is claimed after stop().
    await enqueueJob(t.database.db, clock, { kind: 'test.slow', payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const queued = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .execute();
    expect(queued).toHaveLength(1);
  });

  it('renews the claim of a long job, so a second worker never runs it twice', async () => {
    const runs: number[] = [];
    const quick = { lockMs: 600, heartbeatMs: 100, pollMs: 50 };
    const make = () =>
      createJobWorker({
        database: t.database,
        clock: systemClock,
        config,
        logger: quietLogger(),
        ...quick,
        handlers: {
          'test.long': async (_payload, ctx) => {
            runs.push(ctx.attempt);
            // Several claim lengths: without renewal the claim lapses and the other worker takes over.
            await new Promise((resolve) => setTimeout(resolve, 2000));
          },
        },
      });
    const id = (await enqueueJob(t.database.db, systemClock, { kind: 'test.long', payload: {} }))!;
    const [a, b] = [make(), make()];
    a.start();
    b.start();
    const deadline = Date.now() + 10_000;
    while ((await findJob(t.database.db, id))?.status !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([a.stop(), b.stop()]);
    expect(runs).toEqual([1]);
    expect(await findJob(t.database.db, id)).toMatchObject({ status: 'done', attempts: 1 });
  });
});
