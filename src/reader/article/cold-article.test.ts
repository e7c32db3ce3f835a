import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addSection } from '../../../test/support/reader-fixtures.js';
import { articlePath } from '../../capabilities/site/index.js';
import { fixedClock } from '../../platform/clock.js';

/**
 * A story just published and shared: many readers at once ask for a page nobody has rendered yet. Over a real
 * socket, through the front door, the page is rendered once and every other reader is served what that render
 * stored (issue 15; on PostgreSQL 200 requests used to make 200 renders).
 */
describeEachDialect('a cold article asked for by many readers at once', (t) => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('is rendered once; the others are served from the cache, each with its own meter cookie', async () => {
    const clock = fixedClock('2026-11-16T09:00:00.000Z');
    const section = await addSection(t.database.db, clock, { name: 'World' });
    const article = await addArticle(t.database.db, clock, {
      headline: 'Harbour Cranes Stand Idle',
      section: section.id,
    });
    ({ app } = await buildTestApp(t.database, { clock }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const path = articlePath(article, 'UTC');
    const answers = await Promise.all(Array.from({ length: 200 }, () => get(port, path)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.every((a) => a.body.includes('Harbour Cranes Stand Idle'))).toBe(true);
    const caches = answers.map((a) => a.headers['x-cache']);
    expect(caches.filter((c) => c === 'miss')).toHaveLength(1);
    expect(caches.filter((c) => c === 'hit')).toHaveLength(199);
    // The article is metered: every anonymous reader's read is counted in their own cookie, waiters too.
    expect(answers.every((a) => /masthead_meter=/.test(String(a.headers['set-cookie'] ?? '')))).toBe(true);
  });
});

/** A plain GET at PUBLIC_URL's host (fetch may not set Host), each on its own connection. */
function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path, headers: { host: 'news.example' }, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on('error', reject);
  });
}
