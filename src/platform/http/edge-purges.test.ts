import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/databases.js';
import { freePort } from '../../../test/support/processes.js';
import { fixedClock } from '../clock.js';
import { EdgePurges } from './edge-purges.js';
import { PageCache } from './page-cache.js';
import { PurgeFollower, queuePurge } from './purge-log.js';

/** An edge that records each PURGE's keys and answers with the statuses given, then 200. */
async function fakeEdge(statuses: number[] = [], holdMs = 0) {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    received.push(`${request.method} ${request.headers.xkey}`);
    setTimeout(() => response.writeHead(statuses.shift() ?? 200).end(), holdMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  edges.push(server);
  return { url, received };
}
const edges: http.Server[] = [];
afterEach(async () => {
  for (const server of edges.splice(0)) await new Promise((resolve) => server.close(resolve));
});

function logger() {
  const lines: string[] = [];
  return {
    lines,
    info: (_: object, message: string) => lines.push(`info ${message}`),
    warn: (_: object, message: string) => lines.push(`warn ${message}`),
  };
}

const settle = (purges: EdgePurges) => purges.flush(5_000);

describe('edge purges', () => {
  it('sends each purge by surrogate key to every edge, and once more after the poll interval', async () => {
    const [a, b] = [await fakeEdge(), await fakeEdge()];
    const log = logger();
    const purges = new EdgePurges({ urls: [a.url, b.url], logger: log, repeatAfterMs: 30 });
    purges.send(['article:1', 'home']);
    await settle(purges);
    expect(a.received).toEqual(['PURGE article:1 home', 'PURGE article:1 home']);
    expect(b.received).toEqual(a.received);
    expect(log.lines.filter((l) => l === 'info edge purge sent')).toHaveLength(4);
  });

  it('retries with backoff until the edge answers, and merges what waits meanwhile', async () => {
    const edge = await fakeEdge([503, 503]);
    const log = logger();
    const purges = new EdgePurges({ urls: [edge.url], logger: log, firstRetryMs: 20, repeatAfterMs: 60_000 });
    purges.send(['article:1']);
    purges.send(['article:2']);
    purges.send(['article:3']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // A stopping process: the repeats not due yet are sent now, merged with what waits.
    await settle(purges);
    expect(edge.received).toEqual([
      'PURGE article:1',
      'PURGE article:1',
      'PURGE article:1',
      'PURGE article:2 article:3 article:1',
    ]);
    expect(log.lines).toContain('warn edge purge failed; retrying with backoff');
  });

  it('gives up at once when the edge refuses, and after its tries when the edge is away', async () => {
    const refusing = await fakeEdge([403]);
    const away = new URL(`http://127.0.0.1:${await freePort()}/`);
    const log = logger();
    const purges = new EdgePurges({
      urls: [refusing.url, away],
      logger: log,
      attempts: 3,
      firstRetryMs: 10,
      repeatAfterMs: 60_000,
    });
    purges.send(['site']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(refusing.received).toEqual(['PURGE site']);
    expect(log.lines).toContain(
      'warn edge purge refused: list this address among the purgers in the edge (deploy/varnish/masthead.vcl)',
    );
    expect(log.lines).toContain(
      'warn edge purge given up: the edge keeps these pages until their time there runs out',
    );
  });

  it('turns too many waiting purges into one purge of every page', async () => {
    const edge = await fakeEdge([], 50);
    const log = logger();
    const purges = new EdgePurges({ urls: [edge.url], logger: log, maxWaiting: 3, repeatAfterMs: 60_000 });
    for (let i = 1; i <= 6; i++) purges.send([`article:${i}`]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(edge.received).toEqual(['PURGE article:1', 'PURGE site']);
    expect(log.lines).toContain(
      'warn edge purge: too many purges waiting for this edge; they become one purge of every page',
    );
  });
});

describeEachDialect('edge purges from the purge log', (t) => {
  it('are sent once per edge however many processes follow the log', async () => {
    const edge = await fakeEdge();
    const clock = fixedClock('2026-12-05T09:00:00Z');
    const log = logger();
    const followers = Array.from(
      { length: 3 },
      () =>
        new PurgeFollower(
          t.database.db,
          clock,
          new PageCache(),
          null,
          new EdgePurges({ urls: [edge.url], logger: log, repeatAfterMs: 60_000 }),
        ),
    );
    await t.database.db.transaction().execute((trx) => queuePurge(trx, clock, ['article:a']));
    await t.database.db.transaction().execute((trx) => queuePurge(trx, clock, ['article:b']));
    await Promise.all(followers.map((f) => f.sync()));
    await Promise.all(followers.map((f) => f.sync()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(edge.received.sort()).toEqual(['PURGE article:a', 'PURGE article:b']);
    const unclaimed = await t.database.db
      .selectFrom('cache_purges')
      .select('id')
      .where('edge_claimed_at', 'is', null)
      .execute();
    expect(unclaimed).toEqual([]);
  });
});
