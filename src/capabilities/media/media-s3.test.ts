import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addressAsPublicUrl, buildTestApp } from '../../../test/support/app.js';
import { apiToken } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { buildApp } from '../../app.js';
import type { Deps } from '../../deps.js';
import { createJobWorker } from '../../platform/jobs/index.js';
import { createStorage } from '../../platform/storage/index.js';
import { mediaJobs } from './media-jobs.js';
import { samplePhoto } from './media-samples.js';
import type { MediaConfigFields } from './media-settings.js';

let server: S3rver;
let endpoint: URL;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-s3-media-'));

beforeAll(async () => {
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'paper' }],
  });
  const { port } = await server.run();
  endpoint = new URL(`http://127.0.0.1:${port}`);
});
afterAll(async () => {
  await server.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

/** The app as an operator who set the MEDIA_S3_* variables runs it. */
async function appOnS3(deps: Deps, publicUrl: string | null) {
  const media: MediaConfigFields = {
    mediaS3: {
      bucket: 'paper',
      region: 'us-east-1',
      endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
    mediaPublicUrl: publicUrl ? new URL(publicUrl) : null,
  };
  const s3Deps: Deps = { ...deps, config: { ...deps.config, ...media } };
  const app = await buildApp(s3Deps, { logger: false });
  addressAsPublicUrl(app, s3Deps.config.publicUrl);
  return { app, deps: s3Deps };
}

describeEachDialect('media on an S3 bucket', (t) => {
  it('stores the original and the variants in the bucket, and serves them through /media', async () => {
    const { deps: base } = await buildTestApp(t.database);
    const { app, deps } = await appOnS3(base, null);
    const { headers } = await apiToken(deps, 'contributor');
    const up = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      headers: { ...headers, 'content-type': 'image/jpeg' },
      payload: await samplePhoto({ width: 700, height: 400 }),
    });
    expect(up.statusCode).toBe(201);
    const id = up.json().id;
    const worker = createJobWorker({
      database: deps.database,
      clock: deps.clock,
      config: deps.config,
      handlers: mediaJobs,
      logger: { info() {}, warn() {}, error() {} },
    });
    expect(await worker.runDue()).toBe(1);

    const bucket = createStorage({
      kind: 's3',
      bucket: 'paper',
      region: 'us-east-1',
      endpoint: endpoint.href.replace(/\/$/, ''),
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    try {
      expect(await bucket.get(`originals/${id}.jpg`)).not.toBeNull();
      const media = (await app.inject({ method: 'GET', url: `/api/admin/v1/media/${id}`, headers })).json();
      expect(media.variants).toHaveLength(3 * 3 + 1);
      const jpeg = media.variants.find(
        (v: { format: string; width: number }) => v.format === 'jpeg' && v.width === 640,
      );
      const served = await app.inject({ method: 'GET', url: jpeg.url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await sharp(served.rawPayload).metadata()).width).toBe(640);
      expect(await bucket.get(`public/${jpeg.url.split('/').pop()}`)).not.toBeNull();
      // None of the files are on the local disk.
      expect(fs.existsSync(path.join(t.database.dataDir, 'media'))).toBe(false);

      const editor = (await apiToken(deps, 'editor')).headers;
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/admin/v1/media/${id}`, headers: editor }))
          .statusCode,
      ).toBe(204);
      expect(await bucket.get(`originals/${id}.jpg`)).toBeNull();
      expect(await bucket.get(`public/${jpeg.url.split('/').pop()}`)).toBeNull();
    } finally {
      await bucket.close();
      await app.close();
    }
  });

  it('addresses public files at MEDIA_PUBLIC_URL when one is set', async () => {
    const { deps: base } = await buildTestApp(t.database);
    const { app, deps } = await appOnS3(base, 'https://cdn.news.example/paper/public/');
    const { headers } = await apiToken(deps, 'contributor');
    const up = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      headers: { ...headers, 'content-type': 'image/png' },
      payload: await samplePhoto({ format: 'png', width: 100, height: 80 }),
    });
    const worker = createJobWorker({
      database: deps.database,
      clock: deps.clock,
      config: deps.config,
      handlers: mediaJobs,
      logger: { info() {}, warn() {}, error() {} },
    });
    await worker.runDue();
    const media = (
      await app.inject({ method: 'GET', url: `/api/admin/v1/media/${up.json().id}`, headers })
    ).json();
    for (const variant of media.variants) {
      expect(variant.url).toMatch(/^https:\/\/cdn\.news\.example\/paper\/public\/[0-9a-f]{20}-/);
    }
    await app.close();
  });
});
