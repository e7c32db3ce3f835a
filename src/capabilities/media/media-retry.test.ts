import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import type { Deps } from '../../deps.js';
import { createJobWorker } from '../../platform/jobs/index.js';
import { mediaJobs } from './media-jobs.js';
import { samplePhoto } from './media-samples.js';

const api = '/api/admin/v1';
const quiet = { info() {}, warn() {}, error() {} };

function worker(deps: Deps) {
  return createJobWorker({
    database: deps.database,
    clock: deps.clock,
    config: deps.config,
    handlers: mediaJobs,
    logger: quiet,
  });
}

describeEachDialect('media variants retry', (t) => {
  it('queues the files of a photo again after its job gave up, and refuses when they are made', async () => {
    const { app, deps } = await buildTestApp(t.database);
    const { headers } = await signedInAs(deps, 'contributor');
    const up = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...headers, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 1200, height: 800 }),
    });
    const id = up.json().id as string;
    const retry = () => app.inject({ method: 'POST', url: `${api}/media/${id}/variants`, headers });

    // The original goes missing and the job has one attempt: it fails for good and marks the photo.
    const original = path.join(t.database.dataDir, 'media', 'originals', `${id}.jpg`);
    const aside = `${original}.aside`;
    fs.renameSync(original, aside);
    await deps.database.db.updateTable('jobs').set({ max_attempts: 1 }).execute();
    await worker(deps).runDue();
    const failed = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json();
    expect(failed.variantsStatus).toBe('failed');

    fs.renameSync(aside, original);
    const res = await retry();
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ id, variantsStatus: 'pending' });
    const queued = await deps.database.db
      .selectFrom('jobs')
      .select(['kind', 'status'])
      .where('status', '=', 'queued')
      .execute();
    expect(queued).toEqual([{ kind: 'media.variants', status: 'queued' }]);
    // Asking again while it waits adds no second job.
    expect((await retry()).statusCode).toBe(202);
    expect(
      await deps.database.db.selectFrom('jobs').select('id').where('status', '=', 'queued').execute(),
    ).toHaveLength(1);

    expect(await worker(deps).runDue()).toBe(1);
    const ready = (await app.inject({ method: 'GET', url: `${api}/media/${id}`, headers })).json();
    expect(ready.variantsStatus).toBe('ready');
    expect(ready.variants.length).toBeGreaterThan(1);

    const refused = await retry();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'MEDIA_VARIANTS_READY',
      details: { field: 'variantsStatus' },
    });
    const unknown = await app.inject({ method: 'POST', url: `${api}/media/nope/variants`, headers });
    expect(unknown.statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'POST', url: `${api}/media/${id}/variants` });
    expect(anonymous.statusCode).toBe(401);
  });
});
