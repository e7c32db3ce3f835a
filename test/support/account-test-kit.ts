import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { MIN_FILL_MS } from '../../src/capabilities/accounts/account-abuse.js';
import { publishLegalVersion } from '../../src/capabilities/legal/index.js';
import type { Deps } from '../../src/deps.js';
import { fixedClock } from '../../src/platform/clock.js';
import { inTransaction } from '../../src/platform/database/transaction.js';
import { outboxDir } from '../../src/platform/mail/index.js';
import { buildWorker } from '../../src/worker.js';
import { TEST_EDITOR } from './reader-fixtures.js';
import { addressesOf, codeIn, type ParsedMail, readOutbox } from './smtp.js';

export type TestClock = ReturnType<typeof fixedClock>;

/**
 * A browser for app.inject(): keeps cookies as a browser would (set, replaced, cleared) and fills in
 * a form's hidden fields from the page it was served on, waiting long enough to pass the fill-time check.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  /** The full Set-Cookie lines of the last response, to check the flags. */
  lastSetCookie: string[] = [];

  constructor(
    readonly app: FastifyInstance,
    readonly clock: TestClock,
    readonly ip = '203.0.113.7',
  ) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
      remoteAddress: this.ip,
    });
    this.take(response);
    return response;
  }

  async post(
    url: string,
    fields: Record<string, string | string[] | undefined>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const v of [value ?? []].flat()) body.append(name, v);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...headers,
      },
      remoteAddress: this.ip,
    });
    this.take(response);
    return response;
  }

  /** Opens `page`, waits as a person would, and sends the form whose action is `action` with `fields`. */
  async submit(
    page: string,
    action: string,
    fields: Record<string, string | string[] | undefined>,
  ): Promise<LightMyRequestResponse> {
    const served = await this.get(page);
    expect(served.statusCode, `GET ${page}`).toBe(200);
    return this.send(served.body, action, fields);
  }

  /** Sends the form with `action` found in `html`, its hidden fields filled from it. */
  async send(
    html: string,
    action: string,
    fields: Record<string, string | string[] | undefined>,
  ): Promise<LightMyRequestResponse> {
    const form = formIn(html, action);
    this.clock.advance(MIN_FILL_MS + 500);
    return this.post(action, { ...hiddenFields(form), ...fields });
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private take(response: LightMyRequestResponse): void {
    const header = response.headers['set-cookie'];
    this.lastSetCookie = header === undefined ? [] : [header].flat().map(String);
    for (const cookie of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const gone =
        cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (gone || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }
}

/** The HTML of the form posting to `action`. */
export function formIn(html: string, action: string): string {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action} in the page`);
  return html.slice(start, html.indexOf('</form>', start));
}

/** The hidden inputs of a piece of HTML, by name. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[match[1]!] = unescapeHtml(match[2]!);
  }
  return fields;
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The stable error code a form page carries on its error summary, or null. */
export function errorCode(html: string): string | null {
  return /data-error-code="([A-Z_]+)"/.exec(html)?.[1] ?? null;
}

/** Runs the queued mail jobs and returns every message in the outbox folder so far. */
export async function outbox(deps: Deps): Promise<ParsedMail[]> {
  const worker = buildWorker(deps, { info() {}, warn() {}, error() {} });
  while ((await worker.runDue()) > 0) {}
  return readOutbox(outboxDir(deps.config));
}

/** The newest outbox message to `to`. */
export async function lastMailTo(deps: Deps, to: string): Promise<ParsedMail> {
  const mail = (await outbox(deps)).filter((m) => addressesOf(m).includes(to.toLowerCase()));
  const last = mail.at(-1);
  if (!last) throw new Error(`no mail to ${to}`);
  return last;
}

/** A path on this site from an absolute link in a mail (https://news.example/...). */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** Publishes the Terms and the Privacy Policy, so sign-up has versions to record consent to. */
export async function publishLegal(deps: Deps, opts: { requiresAcceptance?: boolean } = {}): Promise<void> {
  await inTransaction(deps.database.db, async (trx) => {
    for (const kind of ['terms', 'privacy'] as const) {
      await publishLegalVersion(trx, deps.clock, TEST_EDITOR, kind, {
        title: kind === 'terms' ? 'Terms of Use' : 'Privacy Policy',
        body: `The ${kind} text.`,
        summaryOfChanges: opts.requiresAcceptance ? 'A new version to accept.' : '',
        requiresAcceptance: opts.requiresAcceptance ?? false,
      });
    }
  });
}

export { fixedClock };

/** Signs a reader up through the real forms and confirms with the mailed code; the browser is signed in. */
export async function signedUpReader(
  browser: TestBrowser,
  deps: Deps,
  email: string,
  password?: string,
): Promise<{ id: string }> {
  const sent = await browser.submit('/account/sign-up', '/account/sign-up', {
    email,
    ...(password ? { password } : {}),
  });
  expect(sent.statusCode).toBe(200);
  const code = codeIn(await lastMailTo(deps, email));
  const done = await browser.send(sent.body, '/account/code', { email, code: code ?? '' });
  expect(done.statusCode).toBe(303);
  const row = await deps.database.db
    .selectFrom('readers')
    .select('id')
    .where('email_normalized', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
  return row;
}
