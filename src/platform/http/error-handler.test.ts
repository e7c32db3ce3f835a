import os from 'node:os';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../clock.js';
import { WriteHealth } from '../database/write-health.js';
import { installErrorHandling } from './error-handler.js';
import { AppError } from './errors.js';

function appWithRoutes() {
  const app = Fastify({ logger: false });
  installErrorHandling(
    app,
    async (_req, error) => `<!doctype html><h1>${error.status}</h1><p>${error.message}</p>`,
    new WriteHealth(os.tmpdir(), fixedClock('2026-11-16T09:00:00.000Z')),
  );
  app.get('/api/boom', async () => {
    throw new Error('secret internals at /srv/db.ts:42');
  });
  app.get('/boom', async () => {
    throw new Error('secret internals');
  });
  app.get('/api/refused', async () => {
    throw new AppError('SECTION_UNKNOWN', 400, 'There is no section "sport".', { field: 'section' });
  });
  app.post(
    '/api/things',
    {
      schema: {
        body: {
          type: 'object',
          required: ['headline'],
          properties: { headline: { type: 'string', minLength: 1 } },
        },
      },
    },
    async () => ({ ok: true }),
  );
  return app;
}

describe('error handling', () => {
  it('turns an AppError into {error:{code,message,details}} with its status', async () => {
    const res = await appWithRoutes().inject('/api/refused');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'SECTION_UNKNOWN',
        message: 'There is no section "sport".',
        details: { field: 'section' },
      },
    });
  });

  it('names the missing field when a request fails its schema', async () => {
    const res = await appWithRoutes().inject({ method: 'POST', url: '/api/things', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: [{ field: 'headline' }] },
    });
    expect(res.json().error.message).toMatch(/^headline /);
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await appWithRoutes().inject({
      method: 'POST',
      url: '/api/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"headline":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
  });

  it('never shows internals: an unexpected error is a generic 500 in JSON and in HTML', async () => {
    const app = appWithRoutes();
    const api = await app.inject('/api/boom');
    expect(api.statusCode).toBe(500);
    expect(api.json().error.code).toBe('INTERNAL');
    expect(api.body).not.toContain('secret');
    const page = await app.inject('/boom');
    expect(page.statusCode).toBe(500);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).not.toContain('secret');
  });
});

describeEachDialect('reader error pages', (t) => {
  it('an unknown path is a 404 page in the site design; under /api it is JSON', async () => {
    const { app } = await buildTestApp(t.database);
    const page = await app.inject('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<h1>Page not found</h1>');
    expect(page.body).toContain('<footer');
    const api = await app.inject('/api/admin/v1/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
  });
});
