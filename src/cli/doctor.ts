import net from 'node:net';
import { loadConfig } from '../config.js';
import { openDatabase } from '../platform/database/database.js';
import { pendingMigrations } from '../platform/database/migrator.js';
import { readForeignHost } from '../platform/http/canonical-host.js';
import { readPageCacheReports } from '../platform/http/page-cache-report.js';
import { checkDataFolder, freeBytes } from '../platform/runtime/data-folder.js';

export interface Finding {
  ok: boolean;
  what: string;
  detail: string;
}

const MIN_FREE = 1024 ** 3;

/** Checks what Masthead needs to run and says, in plain words, what is wrong and how to fix it. */
export async function runDoctor(env: NodeJS.ProcessEnv): Promise<Finding[]> {
  const findings: Finding[] = [];
  const result = loadConfig(env);
  if (!result.ok) {
    for (const problem of result.problems)
      findings.push({ ok: false, what: 'configuration', detail: problem });
    return findings;
  }
  const config = result.config;
  findings.push({ ok: true, what: 'configuration', detail: 'every variable is valid' });

  const folderProblem = checkDataFolder(config.dataDir);
  findings.push(
    folderProblem
      ? { ok: false, what: 'data folder', detail: folderProblem }
      : { ok: true, what: 'data folder', detail: `${config.dataDir} can be written` },
  );
  if (!folderProblem) {
    const free = freeBytes(config.dataDir);
    const gib = (free / 1024 ** 3).toFixed(1);
    findings.push(
      free < MIN_FREE
        ? {
            ok: false,
            what: 'disk',
            detail: `only ${gib} GiB free under ${config.dataDir}; free space or move MASTHEAD_DATA`,
          }
        : { ok: true, what: 'disk', detail: `${gib} GiB free` },
    );
  }

  try {
    const database = await openDatabase(config.database);
    try {
      findings.push({
        ok: true,
        what: 'database',
        detail: `${database.dialect} at ${database.location} answers`,
      });
      const pending = await pendingMigrations(database.db);
      findings.push(
        pending.length === 0
          ? { ok: true, what: 'migrations', detail: 'all applied' }
          : {
              ok: false,
              what: 'migrations',
              detail: `${pending.length} pending: run "npx masthead migrate" (or npm start)`,
            },
      );
    } finally {
      await database.close();
    }
  } catch (error) {
    findings.push({ ok: false, what: 'database', detail: (error as Error).message });
  }

  if (config.redisUrl) findings.push(await reachable('redis', config.redisUrl, 6379));
  if (config.smtpUrl)
    findings.push(await reachable('smtp', config.smtpUrl, config.smtpUrl.protocol === 'smtps:' ? 465 : 587));
  else
    findings.push({
      ok: true,
      what: 'mail',
      detail: `no SMTP_URL: mail is written to ${config.dataDir}/outbox`,
    });
  findings.push(publicHostFinding(config.dataDir, config.publicUrl, new Date()));
  findings.push(...pageCacheFindings(config.dataDir, new Date()));
  return findings;
}

const MB = 1024 * 1024;

/** What each running web process's page cache holds, from the reports they write (page-cache-report.ts). */
export function pageCacheFindings(dataDir: string, now: Date): Finding[] {
  const reports = readPageCacheReports(dataDir, now);
  if (reports.length === 0) {
    return [{ ok: true, what: 'page cache', detail: 'no web process running here has reported lately' }];
  }
  return reports.map(({ pid, stats }) => ({
    ok: true,
    what: 'page cache',
    detail:
      `process ${pid}: ${stats.entries} pages, ${(stats.bytes / MB).toFixed(1)} of ${(stats.maxBytes / MB).toFixed(0)} MB, ` +
      `${stats.hits} hits, ${stats.misses} misses (hit ratio ${(stats.hitRatio * 100).toFixed(1)}%), ` +
      `${stats.evictions} evicted to stay within PAGE_CACHE_MB`,
  }));
}

/** Requests for another host in the last week are worth a warning; older ones are history. */
const FOREIGN_HOST_WINDOW_MS = 7 * 24 * 3600_000;

/**
 * Whether readers reach the site under PUBLIC_URL's host. The server records the last request that
 * arrived for another one (canonical-host.ts): such readers are redirected, and any form sent from
 * there is refused, so a PUBLIC_URL that does not match the address readers (or the proxy) use
 * loses every sign-up.
 */
export function publicHostFinding(dataDir: string, publicUrl: URL, now: Date): Finding {
  const seen = readForeignHost(dataDir);
  const at = seen ? Date.parse(seen.at) : Number.NaN;
  if (!seen || !(now.getTime() - at < FOREIGN_HOST_WINDOW_MS)) {
    return {
      ok: true,
      what: 'public address',
      detail: `no request for another host than ${publicUrl.host} lately`,
    };
  }
  const suggested = `${publicUrl.protocol}//${seen.host}${publicUrl.pathname.replace(/\/$/, '')}`;
  return {
    ok: false,
    what: 'public address',
    detail:
      `requests arrived for ${seen.host} (last at ${seen.at}) while PUBLIC_URL is ${publicUrl.origin}: ` +
      'they are redirected there, and forms sent from that address are refused. ' +
      `If readers (or your proxy) use ${seen.host}, set PUBLIC_URL=${suggested}` +
      ' (behind a proxy that passes the host in X-Forwarded-Host, set TRUST_PROXY instead).',
  };
}

function reachable(what: string, url: URL, defaultPort: number): Promise<Finding> {
  const port = Number(url.port || defaultPort);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port, timeout: 3000 });
    const done = (finding: Finding) => {
      socket.destroy();
      resolve(finding);
    };
    socket.once('connect', () => done({ ok: true, what, detail: `${url.hostname}:${port} answers` }));
    socket.once('timeout', () =>
      done({ ok: false, what, detail: `${url.hostname}:${port} did not answer within 3 s` }),
    );
    socket.once('error', (e: NodeJS.ErrnoException) =>
      done({
        ok: false,
        what,
        detail: `${url.hostname}:${port} refused the connection (${e.code ?? e.message})`,
      }),
    );
  });
}
