import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

const url = '/api/admin/v1/page-cache';

describeEachDialect('page cache figures', (t) => {
  it("shows admins what this process's cache holds, and no one else", async () => {
    const { app, deps } = await buildTestApp(t.database);
    deps.pageCache.store('/a', 'x'.repeat(5000), 'text/html', ['k']);
    deps.pageCache.get('/a');
    deps.pageCache.get('/a');
    const admin = await signedInAs(deps, 'admin');
    const res = await app.inject({ method: 'GET', url, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const figures = res.json();
    expect(figures).toMatchObject({ pid: process.pid, entries: 1, hits: 2, misses: 1, evictions: 0 });
    expect(figures.hitRatio).toBeCloseTo(2 / 3);
    expect(figures.bytes).toBeGreaterThan(5000);
    expect(figures.maxBytes).toBe(deps.config.pageCacheBytes);

    const editor = await signedInAs(deps, 'editor');
    expect((await app.inject({ method: 'GET', url, headers: editor.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
