import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';

/**
 * Reader pages live at PUBLIC_URL's host (issue 12). A browser that opened the site under another
 * name (127.0.0.1 while PUBLIC_URL says localhost, a proxy's internal name) would get pages whose
 * forms the Origin check must refuse, forever. So a GET or HEAD at another host is sent to the same
 * path at PUBLIC_URL (301), except the health checks (probes ask by address) and the API (clients
 * name their host; a redirect would drop a POST body and tokens). The host is Fastify's
 * `request.host`: X-Forwarded-Host only when TRUST_PROXY trusts the proxy.
 *
 * The last other host seen is written, with the time, to FOREIGN_HOST_FILE in the data folder, at
 * most once a minute, so `masthead doctor` can say what PUBLIC_URL should probably be.
 */

export const FOREIGN_HOST_FILE = 'foreign-host.json';
const RECORD_EVERY_MS = 60_000;

/** What the file holds: the host that arrived, the Origin a form came with (if any), and when. */
export interface ForeignHost {
  host: string;
  origin?: string;
  at: string;
}

/** Whether `host` (a Host header, port and all) names PUBLIC_URL's host; a default port may be spelt out. */
export function isPublicHost(host: string, publicUrl: URL): boolean {
  const wanted = publicUrl.host.toLowerCase();
  const given = host.toLowerCase();
  if (given === wanted) return true;
  const defaultPort = publicUrl.protocol === 'https:' ? '443' : '80';
  return !publicUrl.port && given === `${wanted}:${defaultPort}`;
}

/** Paths answered at any host. */
function answeredAnywhere(url: string): boolean {
  return (
    url === '/healthz' ||
    url === '/readyz' ||
    url.startsWith('/api/') ||
    url.startsWith('/healthz?') ||
    url.startsWith('/readyz?')
  );
}

/** The same path and query at PUBLIC_URL (whose own path, if any, is where the proxy mounts the site). */
export function publicAddressOf(url: string, publicUrl: URL): string {
  return `${publicUrl.origin}${publicUrl.pathname.replace(/\/$/, '')}${url}`;
}

/** Remembers the last foreign host in the data folder, at most once a minute; never fails a request. */
export function foreignHostRecorder(dataDir: string, clock: Clock): (seen: Omit<ForeignHost, 'at'>) => void {
  let last = { key: '', at: 0 };
  return (seen) => {
    const now = clock.now().getTime();
    const key = `${seen.host}\n${seen.origin ?? ''}`;
    if (key === last.key && now - last.at < RECORD_EVERY_MS) return;
    last = { key, at: now };
    const record: ForeignHost = { ...seen, at: new Date(now).toISOString() };
    const file = path.join(dataDir, FOREIGN_HOST_FILE);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.promises
      .writeFile(temporary, `${JSON.stringify(record)}\n`)
      .then(() => fs.promises.rename(temporary, file))
      .catch(() => {});
  };
}

/**
 * The front door's test, one comparison on its hot path: true when the request names PUBLIC_URL's
 * host exactly as written. Anything else (another host, or the same one spelt differently) goes on
 * to Fastify, which decides properly; with TRUST_PROXY the forwarded host is what the reader asked for.
 */
export function frontDoorHostCheck(
  publicUrl: URL,
  trustProxy: boolean,
): (headers: IncomingHttpHeaders) => boolean {
  const host = publicUrl.host;
  if (!trustProxy) return (headers) => headers.host === host;
  return (headers) => (headers['x-forwarded-host'] ?? headers.host) === host;
}

/** Reads what the server recorded; null when nothing was (or the file cannot be read). */
export function readForeignHost(dataDir: string): ForeignHost | null {
  try {
    const found = JSON.parse(fs.readFileSync(path.join(dataDir, FOREIGN_HOST_FILE), 'utf8')) as ForeignHost;
    return typeof found.host === 'string' && typeof found.at === 'string' ? found : null;
  } catch {
    return null;
  }
}

/** Register before the page cache: a stored page must not be served at another host either. */
export const canonicalHostPlugin = fp<{ publicUrl: URL; dataDir: string; clock: Clock }>(
  async (app, { publicUrl, dataDir, clock }) => {
    const record = foreignHostRecorder(dataDir, clock);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.host || isPublicHost(request.host, publicUrl)) return;
      record({ host: request.host });
      if ((request.method !== 'GET' && request.method !== 'HEAD') || answeredAnywhere(request.url)) return;
      return reply
        .code(301)
        .header('location', publicAddressOf(request.url, publicUrl))
        .header('cache-control', 'no-store')
        .send();
    });
  },
  { name: 'masthead-canonical-host' },
);
