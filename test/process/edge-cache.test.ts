import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.js';
import {
  cookieHeader,
  cookiesOf,
  type Edge,
  edgePurgesLogged,
  get,
  heldAtEdge,
  newsroom,
  pathIn,
  SECRET,
  signUpOverHttp,
  startVarnish,
  until,
  varnishMissing,
  waitForOrigin,
  walled,
} from '../support/edge.js';
import {
  freePort,
  type ProcessDatabase,
  processDatabase,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';

let server: Started | undefined;
let edge: Edge | undefined;
let database: ProcessDatabase | undefined;
afterEach(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await edge?.stop();
  await database?.cleanup();
  server = edge = database = undefined;
});

const missing = varnishMissing();
if (missing) console.warn(`edge cache tests skipped: ${missing}`);

/** A PURGE as a machine the edge does not list would send it: from 127.0.0.2, another loopback address. */
function purgeFrom(localAddress: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .request(
        { host: '127.0.0.1', port, localAddress, method: 'PURGE', path: '/', headers: { xkey: 'site' } },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      )
      .on('error', reject)
      .end();
  });
}

describe.skipIf(missing !== null).each(dialects())(
  'the edge cache (Varnish, deploy/varnish/masthead.vcl) [%s]',
  (dialect) => {
    it('keeps public pages and media, is purged by Masthead on every change, and never keeps what is for one reader', async () => {
      database = await processDatabase(dialect);
      const originPort = await freePort();
      edge = await startVarnish(originPort);
      const host = `localhost:${edge.port}`;
      server = await startServer({
        ...database.env,
        PORT: String(originPort),
        PUBLIC_URL: `http://${host}`,
        EDGE_PURGE_URLS: edge.purgeUrl,
        TRUST_PROXY: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
      await waitForOrigin(edge, host);
      const { api, headers } = await signInAsDemoOwner(server);
      const desk = newsroom(api, headers);
      await desk.settings({ 'wall.free_articles_per_month': 1 });
      const atEdge = (url: string, cookie?: string) => get(edge!.port, url, { host, cookie });
      const latencies: Record<string, number> = {};

      // A free article: stored at the edge on the first request, a hit after.
      const free = await desk.publish('Harbour Bridge Reopens to Traffic', 'free', [
        'The bridge reopened on Monday after three months of repairs.',
      ]);
      const freePath = pathIn((await get(originPort, '/', { host })).body, free.slug);
      const first = await atEdge(freePath);
      expect(first.status).toBe(200);
      expect(first.headers['x-edge-cache']).toBe('MISS');
      const second = await heldAtEdge(() => atEdge(freePath));
      expect(second.headers['x-edge-cache']).toBe('HIT');
      expect(second.body).toBe(first.body);
      // The keys are the edge's business.
      expect(second.headers['surrogate-key']).toBeUndefined();
      expect(second.headers.xkey).toBeUndefined();

      // A correction: live at the edge as soon as the purge arrives.
      const corrected = await desk.correct(
        free.id,
        'An earlier version misstated the length of the repairs.',
      );
      const afterCorrection = await until(
        () => atEdge(freePath),
        (p) => p.body.includes('misstated the length of the repairs'),
        5_000,
      );
      expect(afterCorrection.value.body).toContain('misstated the length of the repairs');
      latencies.correction = afterCorrection.ms;

      // A new article on the home page the edge holds.
      expect((await heldAtEdge(() => atEdge('/'))).headers['x-edge-cache']).toBe('HIT');
      await desk.publish('Council Approves New Cycle Lanes', 'free', ['The lanes open in spring.']);
      const home = await until(
        () => atEdge('/'),
        (p) => p.body.includes('Council Approves New Cycle Lanes'),
        5_000,
      );
      expect(home.value.body).toContain('Council Approves New Cycle Lanes');
      latencies.publish = home.ms;

      // Taken down: gone from the edge too (held there again first: the new article purged its section).
      expect((await heldAtEdge(() => atEdge(freePath))).headers['x-edge-cache']).toBe('HIT');
      await desk.unpublish(free.id, corrected.revision);
      const gone = await until(
        () => atEdge(freePath),
        (p) => p.status === 404 || p.status === 410,
        5_000,
      );
      expect(gone.value.status).toBeGreaterThanOrEqual(404);
      latencies.unpublish = gone.ms;

      // Each purge went to the edge (and again a moment later, ADR 0022), logged with the time it took.
      const sent = edgePurgesLogged(server.output());
      expect(sent.length).toBeGreaterThanOrEqual(6);

      // Metered articles: counted and cut at the origin for every request, never served from the edge.
      const one = await desk.publish('Tide Tables Revised for Winter', 'metered', walled('Tides'));
      const two = await desk.publish('Ferry Timetable Changes in March', 'metered', walled('Ferries'));
      const listing = (await get(originPort, '/', { host })).body;
      const [onePath, twoPath] = [pathIn(listing, one.slug), pathIn(listing, two.slug)];
      const reader = new Map<string, string>();
      const read = await atEdge(onePath);
      expect(read.body).toContain(SECRET);
      expect(read.headers['set-cookie']?.join(' ')).toContain('masthead_meter=');
      expect(read.headers['cache-control']).toContain('private');
      expect(read.headers['x-edge-cache']).not.toBe('HIT');
      cookiesOf(read, reader);
      // Past the limit: the second metered article is cut for this reader...
      const pastLimit = await atEdge(twoPath, cookieHeader(reader));
      expect(pastLimit.body).not.toContain(SECRET);
      // ...while a new reader reads it whole, and that whole page never reaches the first reader from the edge.
      for (let i = 0; i < 3; i++) {
        const newcomer = await atEdge(twoPath);
        expect(newcomer.body).toContain(SECRET);
        expect(newcomer.headers['x-edge-cache']).not.toBe('HIT');
        const again = await atEdge(twoPath, cookieHeader(reader));
        expect(again.body).not.toContain(SECRET);
        expect(again.headers['x-edge-cache']).not.toBe('HIT');
      }

      // A signed-in reader's page (a registration-only article read whole) is never served to anyone else.
      const members = await desk.publish(
        'Inside the New Lifeboat Station',
        'registration',
        walled('Lifeboats'),
      );
      const membersPath = pathIn((await get(originPort, '/', { host })).body, members.slug);
      const signedIn = cookieHeader(
        await signUpOverHttp(
          `http://${host}`,
          path.join(database.dataDir, 'outbox'),
          'edge.reader@example.com',
        ),
      );
      const own = await atEdge(membersPath, signedIn);
      expect(own.body).toContain(SECRET);
      expect(own.headers['x-edge-cache']).toBe('PASS');
      const account = await atEdge('/account', signedIn);
      expect(account.body).toContain('edge.reader@example.com');
      for (let i = 0; i < 3; i++) {
        const anonymous = await atEdge(membersPath);
        expect(anonymous.body).not.toContain(SECRET);
        expect(anonymous.headers['x-edge-cache']).not.toBe('HIT');
        const anonymousAccount = await atEdge('/account');
        expect(anonymousAccount.body).not.toContain('edge.reader@example.com');
      }
      // A free page asked for by the signed-in reader passes; their answer is never stored for others.
      const freeNow = await desk.publish('Lighthouse Open Day Announced', 'free', [
        'Visitors may climb the tower.',
      ]);
      const freeNowPath = pathIn((await get(originPort, '/', { host })).body, freeNow.slug);
      expect((await atEdge(freeNowPath, signedIn)).headers['x-edge-cache']).toBe('PASS');
      expect((await atEdge(freeNowPath)).headers['x-edge-cache']).toBe('MISS');

      // Media: from the edge, immutable, whatever cookies come with the request.
      const media = /\/media\/[0-9a-f]{20}-\d+(?:x\d+)?\.(?:avif|webp|jpg)/.exec(
        (await atEdge('/')).body,
      )?.[0];
      expect(media, 'the demo home page shows a photo').toBeDefined();
      const photo = await until(
        () => atEdge(media!),
        (p) => p.status === 200,
        20_000,
      );
      expect(photo.value.headers['cache-control']).toContain('immutable');
      const again = await atEdge(media!, signedIn);
      expect(again.status).toBe(200);
      expect(again.headers['x-edge-cache']).toBe('HIT');

      // Only the listed purgers may purge.
      expect(await purgeFrom('127.0.0.2', edge.port)).toBe(403);
      expect(await purgeFrom('127.0.0.1', edge.port)).toBe(200);

      console.info(
        `[${dialect}] purge-to-edge, from the API call's return to the change at the edge: ${Object.entries(
          latencies,
        )
          .map(([what, ms]) => `${what} ${ms.toFixed(1)} ms`)
          .join(', ')}; queued to acknowledged by the edge: ${sent.map((p) => p.ms).join(', ')} ms`,
      );
      for (const ms of Object.values(latencies)) expect(ms).toBeLessThan(2_000);
    });
  },
);
