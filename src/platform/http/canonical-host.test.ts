import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, it } from 'vitest';
import { publishLegal, TestBrowser } from '../../../test/support/account-test-kit.js';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { freePort } from '../../../test/support/processes.js';
import { publicHostFinding } from '../../cli/doctor.js';
import { fixedClock } from '../clock.js';
import { FOREIGN_HOST_FILE, readForeignHost } from './canonical-host.js';

/** A request over a socket with the Host header a browser at that address would send. */
function request(url: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Issue 12: opened at 127.0.0.1 while PUBLIC_URL says localhost, every reader form answered 403
 * "This form has expired", forever. Pages at another host now redirect to PUBLIC_URL's, a form
 * from another origin says which address was expected, and doctor learns of the other host.
 */
describeEachDialect('PUBLIC_URL host', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');
  const env = { PUBLIC_URL: 'http://localhost:3000' };

  it('redirects reader pages asked for at another host to the same path at PUBLIC_URL', async () => {
    const { app } = await buildTestApp(t.database, { clock, env });
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({
        method,
        url: '/account/sign-up?return=%2Fworld',
        headers: { host: '127.0.0.1:3000' },
      });
      expect(res.statusCode, method).toBe(301);
      expect(res.headers.location).toBe('http://localhost:3000/account/sign-up?return=%2Fworld');
    }
    // At PUBLIC_URL's host (a default port spelt out or not, any case), the page itself.
    expect((await app.inject({ url: '/', headers: { host: 'LOCALHOST:3000' } })).statusCode).toBe(200);
    // Probes, the API and non-page methods are answered wherever they arrive.
    expect((await app.inject({ url: '/healthz', headers: { host: '10.0.0.7:3000' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz', headers: { host: '10.0.0.7:3000' } })).statusCode).toBe(200);
    const api = await app.inject({ url: '/api/admin/v1/settings', headers: { host: '10.0.0.7:3000' } });
    expect(api.statusCode).toBe(401);
  });

  it('a default port may be spelt out', async () => {
    const { app } = await buildTestApp(t.database, { clock, env: { PUBLIC_URL: 'https://news.example/' } });
    expect((await app.inject({ url: '/', headers: { host: 'news.example:443' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/', headers: { host: 'news.example:80' } })).statusCode).toBe(301);
  });

  it('refuses a form from another origin saying which address was expected, and doctor says what to set', async () => {
    const { app, deps } = await buildTestApp(t.database, { clock, env });
    await publishLegal(deps);
    const browser = new TestBrowser(app, clock);
    const page = await browser.get('/account/sign-up');
    expect(page.statusCode).toBe(200);
    clock.advance(5_000);
    const res = await browser.post(
      '/account/sign-up',
      {
        csrf: /name="csrf" value="([^"]+)"/.exec(page.body)?.[1],
        email: 'ada@example.com',
        display_name: 'Ada',
        password: 'correct horse battery',
      },
      { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form was sent from http://127.0.0.1:3000');
    expect(res.body).toContain("this site's address is http://localhost:3000");
    expect(res.body).not.toContain('has expired');

    // The server noted the other host (written in the background) for doctor.
    const file = path.join(deps.config.dataDir, FOREIGN_HOST_FILE);
    for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readForeignHost(deps.config.dataDir)).toEqual({
      host: '127.0.0.1:3000',
      at: clock.now().toISOString(),
    });
    const finding = publicHostFinding(deps.config.dataDir, deps.config.publicUrl, clock.now());
    expect(finding.ok).toBe(false);
    expect(finding.detail).toContain('requests arrived for 127.0.0.1:3000');
    expect(finding.detail).toContain('set PUBLIC_URL=http://127.0.0.1:3000');
    // A week later the note is history.
    expect(
      publicHostFinding(deps.config.dataDir, deps.config.publicUrl, new Date('2026-11-24T09:00:00Z')).ok,
    ).toBe(true);
  });

  it('takes X-Forwarded-Host only from a trusted proxy (TRUST_PROXY)', async () => {
    const forwarded = { host: '10.0.0.5:3000', 'x-forwarded-host': 'localhost:3000' };
    const trusting = await buildTestApp(t.database, { clock, env: { ...env, TRUST_PROXY: '1' } });
    expect((await trusting.app.inject({ url: '/', headers: forwarded })).statusCode).toBe(200);
    const untrusting = await buildTestApp(t.database, { clock, env });
    const res = await untrusting.app.inject({ url: '/', headers: forwarded });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('http://localhost:3000/');
  });

  it('the front door does not answer a cached page at another host: it is redirected', async () => {
    const port = await freePort();
    const { app } = await buildTestApp(t.database, {
      clock,
      env: { PUBLIC_URL: `http://localhost:${port}` },
    });
    await app.listen({ port, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${port}`;
      const at = { host: `localhost:${port}` };
      expect((await request(`${base}/`, at)).headers['x-cache']).toBe('miss');
      expect((await request(`${base}/`, at)).headers['x-cache']).toBe('hit');
      const elsewhere = await request(`${base}/`, { host: `127.0.0.1:${port}` });
      expect(elsewhere.status).toBe(301);
      expect(elsewhere.headers.location).toBe(`http://localhost:${port}/`);
    } finally {
      await app.close();
    }
  });
});
