import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { formIn, hiddenFields } from './account-test-kit.js';
import { freePort, ROOT } from './processes.js';
import { addressesOf, codeIn, readOutbox } from './smtp.js';

/** The shipped edge configuration; tests run it as it is, with only the origin's port changed. */
export const VCL = path.join(ROOT, 'deploy/varnish/masthead.vcl');

/** Why Varnish with xkey cannot run here, with what to install; null when it can. */
export function varnishMissing(): string | null {
  const varnishd = findVarnishd();
  const xkey = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']
    .map((dir) => path.join(dir, 'varnish/vmods/libvmod_xkey.so'))
    .some((file) => fs.existsSync(file));
  if (!varnishd) return 'varnishd not found: apt-get install -y varnish varnish-modules';
  if (!xkey) return 'the xkey vmod not found: apt-get install -y varnish-modules';
  return null;
}

function findVarnishd(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin'];
  for (const dir of dirs)
    if (dir && fs.existsSync(path.join(dir, 'varnishd'))) return path.join(dir, 'varnishd');
  return null;
}

export interface Edge {
  readonly port: number;
  /** What EDGE_PURGE_URLS names. */
  readonly purgeUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts varnishd with deploy/varnish/masthead.vcl in front of the origin at `originPort`, on a free port. */
export async function startVarnish(originPort: number): Promise<Edge> {
  const varnishd = findVarnishd();
  if (!varnishd) throw new Error(varnishMissing() ?? 'no varnishd');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-edge-'));
  // Run as root, varnishd's workers drop to the varnish user, which must read the folder.
  fs.chmodSync(dir, 0o755);
  const vcl = path.join(dir, 'masthead.vcl');
  const text = fs.readFileSync(VCL, 'utf8');
  if (!text.includes('.port = "3000";')) throw new Error('the VCL no longer names port 3000 for the origin');
  fs.writeFileSync(vcl, text.replace('.port = "3000";', `.port = "${originPort}";`));
  const port = await freePort();
  const child: ChildProcess = spawn(
    varnishd,
    [
      '-F',
      '-n',
      path.join(dir, 'instance'),
      '-a',
      `127.0.0.1:${port}`,
      '-f',
      vcl,
      '-s',
      'malloc,64m',
      '-T',
      'none',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // Compiling the VCL takes a few seconds on a busy machine.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`varnishd did not start:\n${output}`);
    if (output.includes('Child launched OK') && (await answers(port))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    purgeUrl: `http://127.0.0.1:${port}/`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the edge finds the origin healthy (its probe needs a few good answers after a start). */
export async function waitForOrigin(edge: Edge, host: string): Promise<void> {
  const ready = await until(
    () =>
      get(edge.port, '/healthz', { host }).then(
        (r) => r.status,
        () => 0,
      ),
    (status) => status === 200,
    30_000,
  );
  if (ready.value !== 200) throw new Error(`the edge did not find the origin healthy:\n${edge.output()}`);
}

async function answers(port: number): Promise<boolean> {
  try {
    await get(port, '/healthz');
    return true;
  } catch {
    return false;
  }
}

export interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A GET on a new connection (so a cluster hands each to the next web process), with the public host's
 * name in Host (the origin redirects any other), and the cookies given.
 */
export function get(
  port: number,
  url: string,
  options: { host?: string; cookie?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .request(
        {
          host: '127.0.0.1',
          port,
          path: url,
          method: options.method ?? 'GET',
          agent: false,
          headers: {
            host: options.host ?? `localhost:${port}`,
            ...(options.cookie ? { cookie: options.cookie } : {}),
            ...options.headers,
          },
        },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          );
        },
      )
      .on('error', reject)
      .setTimeout(10_000, function (this: http.ClientRequest) {
        this.destroy(new Error(`no answer to GET ${url} within 10 s`));
      })
      .end();
  });
}

/** Polls until `done`, at most `ms`; returns the last value and how long it took. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 10_000,
): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  for (;;) {
    const value = await probe();
    const took = performance.now() - start;
    if (done(value) || took > ms) return { value, ms: took };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Asks for a page until the edge answers it from its store (at most 5 s). A purge is sent again 1.5 s
 * after the first (EdgePurges' repeat, ADR 0022), so a copy stored right after a change may be dropped
 * once more: "held" means held after that repeat, not on the very next request.
 */
export async function heldAtEdge(ask: () => Promise<Got>): Promise<Got> {
  const { value } = await until(ask, (page) => page.headers['x-edge-cache'] === 'HIT', 5_000);
  return value;
}

/** name=value pairs of the Set-Cookie lines, for the next request's Cookie header. */
export function cookiesOf(got: Got, jar = new Map<string, string>()): Map<string, string> {
  for (const line of got.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([n, v]) => `${n}=${v}`).join('; ');

/**
 * Signs a reader up through the real forms over HTTP, confirming with the code mailed to the outbox
 * folder (the process running jobs sends it): the returned jar holds the reader's session cookie.
 */
export async function signUpOverHttp(
  base: string,
  outbox: string,
  email: string,
): Promise<Map<string, string>> {
  const jar = new Map<string, string>();
  const send = async (url: string, fields: Record<string, string>) => {
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: cookieHeader(jar),
        origin: new URL(base).origin,
      },
      body: new URLSearchParams(fields).toString(),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { status: response.status, body: await response.text() };
  };
  const page = await fetch(`${base}/account/sign-up`);
  const html = await page.text();
  for (const line of page.headers.getSetCookie()) {
    const [pair] = line.split(';');
    jar.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
  }
  // The sign-up form refuses what is filled faster than a person could.
  await new Promise((resolve) => setTimeout(resolve, 2_700));
  const sent = await send('/account/sign-up', {
    ...hiddenFields(formIn(html, '/account/sign-up')),
    email,
    display_name: 'Edge Reader',
  });
  if (sent.status !== 200) throw new Error(`sign-up answered ${sent.status}: ${sent.body.slice(0, 500)}`);
  const mailed = await until(
    async () => (await readOutbox(outbox)).find((mail) => addressesOf(mail).includes(email)),
    (mail) => mail !== undefined,
    20_000,
  );
  const code = mailed.value ? codeIn(mailed.value) : null;
  if (!code) throw new Error(`no sign-up code mailed to ${email}`);
  const done = await send('/account/code', {
    ...hiddenFields(formIn(sent.body, '/account/code')),
    email,
    code,
  });
  if (done.status !== 303 || !jar.has('masthead_reader')) {
    throw new Error(`the code did not sign the reader in: ${done.status} ${done.body.slice(0, 300)}`);
  }
  return jar;
}

/** The newsroom over the Admin API, as staff would drive it: write, publish, correct, take down. */
export function newsroom(api: string, headers: Record<string, string>) {
  const call = async (method: string, url: string, body?: object) => {
    const response = await fetch(`${api}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
    return JSON.parse(text) as { id: string; slug: string; revision: number };
  };
  return {
    async publish(headline: string, access: 'free' | 'metered' | 'registration', paragraphs: string[]) {
      const sections = (await call('GET', '/sections')) as unknown as { sections: { id: string }[] };
      const created = await call('POST', '/articles', {
        headline,
        section: sections.sections[0]!.id,
        bodyMarkdown: paragraphs.join('\n\n'),
        access,
      });
      return call('POST', `/articles/${created.id}/publish`, { revision: created.revision });
    },
    /** Scheduled `inMs` after it is written: the worker publishes it. */
    async schedule(headline: string, inMs: number) {
      const sections = (await call('GET', '/sections')) as unknown as { sections: { id: string }[] };
      const created = await call('POST', '/articles', {
        headline,
        section: sections.sections[0]!.id,
        bodyMarkdown: `${headline}: the whole story, long enough to publish.`,
        access: 'free',
      });
      return call('POST', `/articles/${created.id}/schedule`, {
        revision: created.revision,
        at: new Date(Date.now() + inMs).toISOString(),
      });
    },
    correct: (id: string, text: string) =>
      call('POST', `/articles/${id}/corrections`, { kind: 'correction', text }),
    unpublish: (id: string, revision: number) => call('POST', `/articles/${id}/unpublish`, { revision }),
    settings: (values: Record<string, unknown>) => call('PATCH', '/settings', values),
  };
}

/** An article's reader address, found on a page listing it (the date part depends on the paper's time zone). */
export function pathIn(html: string, slug: string): string {
  const found = new RegExp(`href="(/\\d{4}/\\d{2}/\\d{2}/${slug})"`).exec(html);
  if (!found) throw new Error(`no link to ${slug} on the page`);
  return found[1]!;
}

/** The `edge purge sent` lines a process logged (pino JSON): how long each purge took to reach the edge. */
export function edgePurgesLogged(output: string): { ms: number; keys: number }[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"edge purge sent"'))
    .map((line) => JSON.parse(line) as { ms: number; keys: number });
}

/** Past the wall: the last paragraph of every walled article the edge tests write. */
export const SECRET = 'Only readers within the limit read this closing paragraph';

/** The paragraphs of a walled article: the open part, then SECRET, which the cut version never shows. */
export const walled = (topic: string) => [
  ...Array.from(
    { length: 7 },
    (_, i) => `${topic}: paragraph ${i + 1} of the report, with enough words to count.`,
  ),
  SECRET,
];
