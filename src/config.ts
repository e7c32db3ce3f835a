import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { isMailAddress } from './platform/mail-address.js';

/** Where each role's settings come from: environment variables, read once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** The address readers use; links in pages, feeds and mail are built from it. */
  readonly publicUrl: URL;
  /** Holds the SQLite file, media and the mail outbox unless configured otherwise. */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** PostgreSQL: how long a request may wait on the database before it answers 503 (ignored on SQLite). */
  readonly databaseTimeouts: DatabaseTimeouts;
  readonly redisUrl: URL | null;
  /** null: mail is written as .eml files to `<dataDir>/outbox`. */
  readonly smtpUrl: URL | null;
  /** The sender address of every message; the sender's name is the publication's name (a setting). */
  readonly mailFrom: string;
  readonly logLevel: LogLevel;
  /**
   * Which proxies in front of Masthead may name the reader's address in X-Forwarded-For: false (none,
   * the default), how many hops (a number), or their addresses and CIDR ranges. Per-address rate
   * limits and hashed addresses in the consent ledger depend on it: behind a proxy that is not
   * trusted, every reader has the proxy's address.
   */
  readonly trustProxy: false | number | readonly string[];
  /**
   * Operator's switch: allow webhook URLs that resolve to private or loopback addresses
   * (refused by default so the server cannot be used to reach the internal network).
   */
  readonly webhooksAllowPrivate: boolean;
  /** null: media files live under `<dataDir>/media`. Set by MEDIA_S3_BUCKET and the other MEDIA_S3_* variables. */
  readonly mediaS3: {
    readonly bucket: string;
    readonly region: string;
    readonly endpoint: URL | null;
    readonly accessKeyId: string | null;
    readonly secretAccessKey: string | null;
  } | null;
  /** Where readers fetch public media files (a CDN, or the bucket's public/ prefix); null: /media on this site. */
  readonly mediaPublicUrl: URL | null;
  /** Web processes on this machine (WEB_PROCESSES): 1 serves in the starting process; more are forked by it. */
  readonly webProcesses: number;
  /**
   * Whether `npm start` runs the jobs (scheduled publishing, mail, photo variants, webhooks) itself (RUN_JOBS,
   * default true); false when a separate `masthead worker` runs them. Jobs are claimed atomically, so two
   * runners never run one job twice; this only says where they run.
   */
  readonly runJobs: boolean;
  /**
   * The edge caches in front (EDGE_PURGE_URLS, comma separated): every purge is also sent to each, by
   * surrogate key (Varnish with deploy/varnish/masthead.vcl). Empty: no edge to purge.
   */
  readonly edgePurgeUrls: readonly URL[];
  /**
   * Whether reader pages carry their `Surrogate-Key` header (SURROGATE_KEYS; default: true when EDGE_PURGE_URLS
   * names an edge). Only a cache in front reads it (Varnish indexes and then removes it); a reader has no use
   * for it, and on a front page it is several kilobytes of article ids on every answer.
   */
  readonly surrogateKeyHeader: boolean;
  /** Most memory the page cache of each web process holds (PAGE_CACHE_MB, default 32), in bytes. */
  readonly pageCacheBytes: number;
}

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  readonly connectMs: number;
  /** One statement; the server cancels it, and the client stops waiting a second later (a frozen server). */
  readonly statementMs: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Reads and checks every setting at once, so an operator sees all the problems in one start,
 * one line each, naming the variable and what would be valid.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ConfigResult {
  const problems: string[] = [];

  const port = readPort(env.PORT, problems);
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (host === '')
    problems.push('HOST is empty: give an address to listen on, such as 127.0.0.1 or 0.0.0.0.');

  const publicUrl = readUrl(
    'PUBLIC_URL',
    env.PUBLIC_URL ?? `http://localhost:${port}`,
    ['http:', 'https:'],
    problems,
  );
  if (publicUrl && (publicUrl.search || publicUrl.hash)) {
    problems.push(`PUBLIC_URL "${env.PUBLIC_URL}" has a query or fragment: give only scheme, host and path.`);
  }

  const dataDir = path.resolve(cwd, env.MASTHEAD_DATA?.trim() || './data');

  let database: DatabaseConfig = { dialect: 'sqlite', file: path.join(dataDir, 'masthead.sqlite') };
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const url = readUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'], problems);
    if (url) database = { dialect: 'postgres', url: databaseUrl };
  }

  const databaseTimeouts = {
    connectMs: readMilliseconds('DATABASE_CONNECT_TIMEOUT_MS', env.DATABASE_CONNECT_TIMEOUT_MS, problems),
    statementMs: readMilliseconds(
      'DATABASE_STATEMENT_TIMEOUT_MS',
      env.DATABASE_STATEMENT_TIMEOUT_MS,
      problems,
    ),
  };

  const redisUrl = env.REDIS_URL?.trim()
    ? readUrl('REDIS_URL', env.REDIS_URL.trim(), ['redis:', 'rediss:'], problems)
    : null;
  const smtpUrl = env.SMTP_URL?.trim()
    ? readUrl('SMTP_URL', env.SMTP_URL.trim(), ['smtp:', 'smtps:'], problems)
    : null;
  if (smtpUrl && smtpUrl.hostname === '') {
    problems.push(
      `SMTP_URL "${redact(smtpUrl.href)}" names no server: use a form like smtp://user:password@host:587.`,
    );
  }
  const mailFrom = readMailFrom(env.MAIL_FROM, publicUrl, problems);

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL "${env.LOG_LEVEL}" is not a level: use one of ${LOG_LEVELS.join(', ')}.`);
  }

  const trustProxy = readTrustProxy(env.TRUST_PROXY, problems);

  const webhooksAllowPrivate = readBoolean(
    'MASTHEAD_WEBHOOKS_ALLOW_PRIVATE',
    env.MASTHEAD_WEBHOOKS_ALLOW_PRIVATE,
    problems,
  );

  const mediaS3 = readMediaS3(env, problems);
  const mediaPublicUrl = env.MEDIA_PUBLIC_URL?.trim()
    ? readUrl('MEDIA_PUBLIC_URL', env.MEDIA_PUBLIC_URL.trim(), ['http:', 'https:'], problems)
    : null;

  const webProcesses = readWebProcesses(env.WEB_PROCESSES, problems);
  const runJobs = env.RUN_JOBS?.trim() ? readBoolean('RUN_JOBS', env.RUN_JOBS, problems) : true;
  const edgePurgeUrls = readEdgePurgeUrls(env.EDGE_PURGE_URLS, problems);
  const surrogateKeyHeader = env.SURROGATE_KEYS?.trim()
    ? readBoolean('SURROGATE_KEYS', env.SURROGATE_KEYS, problems)
    : edgePurgeUrls.length > 0;
  const pageCacheBytes = readPageCacheMb(env.PAGE_CACHE_MB, problems) * 1024 * 1024;

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: Object.freeze({
      port,
      host,
      publicUrl: publicUrl as URL,
      dataDir,
      database: Object.freeze(database),
      databaseTimeouts: Object.freeze(databaseTimeouts),
      redisUrl,
      smtpUrl,
      mailFrom,
      logLevel,
      trustProxy: Array.isArray(trustProxy) ? Object.freeze(trustProxy) : trustProxy,
      webhooksAllowPrivate,
      mediaS3: mediaS3 && Object.freeze(mediaS3),
      mediaPublicUrl,
      webProcesses,
      runJobs,
      edgePurgeUrls: Object.freeze(edgePurgeUrls),
      surrogateKeyHeader,
      pageCacheBytes,
    }),
  };
}

function readTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (/^[0-9]+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrRange)) return entries;
  }
  problems.push(
    `TRUST_PROXY "${value}" is not usable: give the number of proxies in front (1 to 10), or their addresses and ranges separated by commas (10.0.0.0/8,192.168.1.5).`,
  );
  return false;
}

function isAddressOrRange(entry: string): boolean {
  if (ipaddr.isValid(entry)) return true;
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

const DEFAULT_DATABASE_TIMEOUT_MS = 5000;

function readMilliseconds(name: string, raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_DATABASE_TIMEOUT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100 || value > 600_000) {
    problems.push(`${name} "${raw}" is not usable: give milliseconds from 100 to 600000, such as 5000.`);
    return DEFAULT_DATABASE_TIMEOUT_MS;
  }
  return value;
}

function readWebProcesses(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    problems.push(
      `WEB_PROCESSES "${raw}" is not usable: give how many web processes to run, from 1 to 64 (about one per core).`,
    );
    return 1;
  }
  return count;
}

function readEdgePurgeUrls(raw: string | undefined, problems: string[]): URL[] {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const urls: URL[] = [];
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) {
      urls.push(url);
      continue;
    }
    problems.push(
      `EDGE_PURGE_URLS has "${redact(entry)}", which is not an edge's address: give http:// or https:// addresses separated by commas, such as http://127.0.0.1:6081/,http://10.0.0.8:6081/ (each edge must accept PURGE from this machine).`,
    );
  }
  return urls;
}

/**
 * The default keeps a web process under 300 MB with its cache full and churning (ADR 0030): a cache
 * that keeps replacing pages holds about its size again in dead bodies and malloc holes.
 */
function readPageCacheMb(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return 32;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1 || mb > 16384) {
    problems.push(
      `PAGE_CACHE_MB "${raw}" is not usable: give the page cache's size in megabytes, a whole number from 1 to 16384 (default 32).`,
    );
    return 64;
  }
  return mb;
}

function readPort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`PORT "${raw}" is not a port number: use a whole number from 1 to 65535, such as 3000.`);
    return 3000;
  }
  return port;
}

function readUrl(name: string, raw: string, schemes: string[], problems: string[]): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} "${redact(raw)}" is not a URL: use a form like ${schemes[0]}//host:port.`);
    return null;
  }
  if (!schemes.includes(url.protocol)) {
    problems.push(`${name} "${redact(raw)}" must start with ${schemes.map((s) => `${s}//`).join(' or ')}.`);
    return null;
  }
  return url;
}

/** The media bucket: all MEDIA_S3_* unset keeps media on the local disk. */
function readMediaS3(env: NodeJS.ProcessEnv, problems: string[]): Config['mediaS3'] {
  const bucket = env.MEDIA_S3_BUCKET?.trim() ?? '';
  const region = env.MEDIA_S3_REGION?.trim() || 'us-east-1';
  const endpointRaw = env.MEDIA_S3_ENDPOINT?.trim() ?? '';
  const accessKeyId = env.MEDIA_S3_ACCESS_KEY_ID?.trim() || null;
  const secretAccessKey = env.MEDIA_S3_SECRET_ACCESS_KEY?.trim() || null;
  if (bucket === '') {
    if (endpointRaw || accessKeyId || secretAccessKey || env.MEDIA_S3_REGION?.trim()) {
      problems.push(
        'MEDIA_S3_BUCKET is not set but other MEDIA_S3_* variables are: name the bucket, or unset them to keep media on the local disk.',
      );
    }
    return null;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push(
      `MEDIA_S3_BUCKET "${bucket}" is not a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens.`,
    );
  }
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    problems.push(
      "MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY go together: set both, or neither to use the SDK's own credential chain.",
    );
  }
  const endpoint = endpointRaw
    ? readUrl('MEDIA_S3_ENDPOINT', endpointRaw, ['http:', 'https:'], problems)
    : null;
  return { bucket, region, endpoint, accessKeyId, secretAccessKey };
}

/** The address alone: a display name here would fight the publication's name, which mail is sent under. */
function readMailFrom(raw: string | undefined, publicUrl: URL | null, problems: string[]): string {
  const value = raw?.trim();
  if (!value) return `no-reply@${publicUrl?.hostname || 'localhost'}`;
  if (!isMailAddress(value)) {
    problems.push(
      `MAIL_FROM "${value}" is not a mail address: give the address alone, such as no-reply@news.example (the sender's name is the publication.name setting).`,
    );
  }
  return value;
}

function readBoolean(name: string, raw: string | undefined, problems: string[]): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  problems.push(`${name} "${raw}" is not true or false.`);
  return false;
}

/** Never echo a password from a URL back into a log or terminal. */
export function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
