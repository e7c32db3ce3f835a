import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FILL_MS } from '../../src/capabilities/accounts/account-abuse.js';
import { articlePath } from '../../src/capabilities/site/urls.js';
import { openDatabase } from '../../src/platform/database/database.js';
import { siteKeysFrom } from '../../src/platform/keys/index.js';
import { hasChromium, JOURNEY_RETRY, launchChromium, RESULTS } from '../support/browser.js';
import { dialects } from '../support/databases.js';
import {
  freePort,
  processDatabase,
  type Started,
  signInAsDemoOwner,
  startServer,
} from '../support/processes.js';
import { addressesOf, codeIn, linksIn, startSmtpPeer } from '../support/smtp.js';

/**
 * The reader's whole journey in Chromium, on the real server (SQLite, then PostgreSQL) with mail over
 * a real SMTP peer: read the free articles of the month, hit the wall, create an account from its
 * prompt, confirm with the mailed code, read on, accept a changed Privacy Policy, download the data,
 * delete the account. Then the consent ledger is read straight from the database. Screenshots go to
 * test-results/reader-journey-<dialect>-*.png.
 */

const FREE_ARTICLES = 2;

/** Three metered articles; each ends with a sentence that only a whole body contains. */
const ARTICLES = [1, 2, 3].map((n) => ({
  headline: `Journey Test Story Number ${n} About the Harbour Council`,
  dek: `The council met for the ${n === 1 ? 'first' : n === 2 ? 'second' : 'third'} time this month.`,
  dateline: 'PORTSMOUTH, England —',
  section: 'world',
  access: 'metered',
  ending: `Last words of story ${n}: the council meets again next week.`,
}));

function bodyOf(article: (typeof ARTICLES)[number]): string {
  const paragraphs = [
    'Councillors gathered in the old customs house on Tuesday evening to hear from residents.',
    'The harbour master described a summer of record traffic and a winter of storms.',
    'Several fishermen asked for a new slipway; the council promised to cost one before spring.',
    'A petition with eight hundred names called for the ferry timetable to be restored.',
    'Officials said the budget would be published in full on the council website.',
    article.ending,
  ];
  return paragraphs.join('\n\n');
}

describe.skipIf(!hasChromium)('reader journey in Chromium', JOURNEY_RETRY, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const dialect of dialects()) {
    it(`[${dialect}] wall, sign-up by mail, reading on, re-consent, data download, deletion; consents kept`, {
      timeout: 300_000,
    }, async () => {
      const smtp = await startSmtpPeer();
      const database = await processDatabase(dialect);
      let server: Started | undefined;
      try {
        server = await startServer({
          ...database.env,
          PORT: String(await freePort()),
          SMTP_URL: smtp.url,
        });
        await journey(browser, server, dialect, smtp, database);
      } finally {
        if (server && server.child.exitCode === null) {
          server.child.kill('SIGTERM');
          await server.exited;
        }
        await smtp.close();
        await database.cleanup();
      }
    });
  }
});

async function journey(
  browser: Browser,
  server: Started,
  dialect: string,
  smtp: Awaited<ReturnType<typeof startSmtpPeer>>,
  database: Awaited<ReturnType<typeof processDatabase>>,
): Promise<void> {
  const started = new Date().toISOString();
  const admin = await newsroom(server);
  await admin.call('PATCH', '/settings', { 'wall.free_articles_per_month': FREE_ARTICLES });
  // A second Terms version that needs no new acceptance: sign-up must record exactly version 2.
  await admin.call('POST', '/legal/terms/versions', {
    title: 'Terms of Use',
    body: '# Terms of Use\n\nPlain words for everyone who reads us online.',
    summaryOfChanges: 'Plain-language rewrite; nothing you agreed to changes.',
    requiresAcceptance: false,
  });
  const urls = await publishArticles(server, admin);
  const [first, second, third] = urls as [string, string, string];
  const [end1, end2, end3] = ARTICLES.map((a) => a.ending) as [string, string, string];

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  let shot = 0;
  const screenshot = async (name: string) => {
    shot += 1;
    const file = `reader-journey-${dialect}-${String(shot).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: path.join(RESULTS, file), fullPage: true });
  };
  const wall = page.getByRole('region', { name: 'Sign in or create a free account' });

  // 1. The free articles of the month, read whole.
  for (const [url, ending] of [
    [first, end1],
    [second, end2],
  ] as const) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    expect(await page.content(), `${url} is whole`).toContain(ending);
    expect(await wall.count(), `${url} has no wall`).toBe(0);
  }
  await screenshot('free-article');

  // 2. The next metered article is cut on the server, with the prompt; the rest never arrives.
  expect((await page.goto(third))?.status()).toBe(200);
  await expect.poll(() => wall.count()).toBe(1);
  expect(await page.content()).not.toContain(end3);
  expect(await wall.textContent()).toContain(
    'By continuing you agree to our Privacy Policy and Terms of Use',
  );
  await screenshot('wall');
  // Reading an article already counted this month costs nothing.
  await page.goto(first);
  expect(await page.content()).toContain(end1);
  await page.goto(third);

  // 3. Create an account from the prompt.
  await wall.getByRole('link', { name: 'Create a free account' }).click();
  await page.waitForURL((u) => u.pathname === '/account/sign-up');
  expect(new URL(page.url()).searchParams.get('return')).toBe(new URL(third).pathname);
  const email = `reader-${dialect}-${Date.now()}@example.org`;
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Your name (optional)', { exact: true }).fill('Jo Reader');
  await page.getByLabel('Password (optional)', { exact: true }).fill('a long and private passphrase');
  await screenshot('sign-up');
  // The form refuses what is filled faster than a person could (a bot check): take a person's time.
  await page.waitForTimeout(MIN_FILL_MS + 500);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectHeading(page, 'Check your inbox');
  await screenshot('check-inbox');

  // 4. The mail arrives over SMTP with a link and a code; the reader types the code.
  const mail = await smtp.waitFor((m) => addressesOf(m).includes(email), 30_000);
  expect(mail.subject).toMatch(/confirm/i);
  const code = codeIn(mail);
  expect(code, mail.text).toMatch(/^\d{6}$/);
  expect(
    linksIn(mail).some((link) => link.startsWith(`${server.baseUrl}/`)),
    mail.text,
  ).toBe(true);
  await page.getByLabel('Code', { exact: true }).fill(code!);
  await page.getByRole('button', { name: 'Continue' }).click();

  // 5. Back at the article, read on: the whole body, no wall.
  await page.waitForURL(third);
  expect(await page.content()).toContain(end3);
  expect(await wall.count()).toBe(0);
  await screenshot('reading-on');

  // 6. A changed Privacy Policy that needs acceptance: the next article view asks first.
  await admin.call('POST', '/legal/privacy/versions', {
    title: 'Privacy Policy',
    body: '# Privacy Policy\n\nWe now keep server logs for 30 days instead of 90.',
    summaryOfChanges: 'Server logs are kept for 30 days instead of 90.',
    requiresAcceptance: true,
  });
  await page.goto(first);
  await page.waitForURL((u) => u.pathname === '/account/consent');
  await expectHeading(page, 'We have updated our Privacy Policy');
  expect(await page.content()).toContain('Server logs are kept for 30 days instead of 90.');
  await expectNoViolations(page, 'consent prompt');
  await screenshot('consent-prompt');
  await page.getByRole('button', { name: 'Accept and continue' }).click();
  await page.waitForURL(first);
  expect(await page.content()).toContain(end1);

  // 7. Download my data: the JSON holds the profile and the consent history.
  await page.goto(`${server.baseUrl}/account`);
  await screenshot('account');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download my data' }).click(),
  ]);
  const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(data.profile).toMatchObject({ email, displayName: 'Jo Reader', hasPassword: true });
  expect(data.profile.emailVerifiedAt).toEqual(expect.any(String));
  const byVersion = (a: { kind: string; version: number }, b: { kind: string; version: number }) =>
    a.kind.localeCompare(b.kind) || a.version - b.version;
  expect(
    data.consents
      .map((c: { kind: string; version: number; method: string }) => ({
        kind: c.kind,
        version: c.version,
        method: c.method,
      }))
      .sort(byVersion),
  ).toEqual([
    { kind: 'privacy', version: 1, method: 'signup' },
    { kind: 'privacy', version: 2, method: 'reconsent' },
    { kind: 'terms', version: 2, method: 'signup' },
  ]);
  expect(data.consents[0]).toMatchObject({ kind: 'privacy', version: 2, method: 'reconsent' });

  // 8. Delete the account: signed out, anonymous again, walled again.
  await page.getByRole('link', { name: 'Delete my account' }).click();
  await page.waitForURL((u) => u.pathname === '/account/delete');
  await page.getByLabel('I understand that my account will be deleted for good').check();
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expectHeading(page, 'Your account is deleted');
  await screenshot('deleted');
  await page.goto(third);
  expect(await page.content()).not.toContain(end3);
  expect(await wall.count()).toBe(1);
  await context.close();

  // 9. The ledger, straight from the database: the proof outlives the account, keyed by hashes.
  await expectLedger(database, dialect, { email, started });
}

async function expectLedger(
  database: Awaited<ReturnType<typeof processDatabase>>,
  dialect: string,
  { email, started }: { email: string; started: string },
): Promise<void> {
  const handle = await openDatabase(
    dialect === 'sqlite'
      ? { dialect: 'sqlite', file: path.join(database.dataDir, 'masthead.sqlite') }
      : { dialect: 'postgres', url: database.env.DATABASE_URL! },
  );
  try {
    const { db } = handle;
    const master = await db
      .selectFrom('site_keys')
      .select('secret')
      .where('name', '=', 'master')
      .executeTakeFirstOrThrow();
    const keys = siteKeysFrom(Buffer.from(master.secret, 'base64url'));
    const normalized = email.toLowerCase();
    expect(
      await db.selectFrom('readers').select('id').where('email_normalized', '=', normalized).execute(),
    ).toEqual([]);

    const rows = await db
      .selectFrom('consents as c')
      .innerJoin('legal_documents as d', 'd.id', 'c.document_id')
      .select([
        'c.reader_id',
        'c.subject_hash',
        'c.kind',
        'c.version',
        'd.version as docVersion',
        'c.method',
        'c.ip_hash',
        'c.accepted_at',
      ])
      .orderBy('c.accepted_at')
      .orderBy('c.kind')
      .execute();
    const ipHash = keys.mac('address-hash', '127.0.0.1');
    const subject = keys.mac('subject-hash', normalized);
    expect(
      rows.map((r) => ({
        reader_id: r.reader_id,
        subject_hash: r.subject_hash,
        kind: r.kind,
        version: Number(r.version),
        docVersion: Number(r.docVersion),
        method: r.method,
        ip_hash: r.ip_hash,
      })),
    ).toEqual([
      {
        reader_id: null,
        subject_hash: subject,
        kind: 'privacy',
        version: 1,
        docVersion: 1,
        method: 'signup',
        ip_hash: ipHash,
      },
      {
        reader_id: null,
        subject_hash: subject,
        kind: 'terms',
        version: 2,
        docVersion: 2,
        method: 'signup',
        ip_hash: ipHash,
      },
      {
        reader_id: null,
        subject_hash: subject,
        kind: 'privacy',
        version: 2,
        docVersion: 2,
        method: 'reconsent',
        ip_hash: ipHash,
      },
    ]);
    const now = new Date().toISOString();
    for (const row of rows) {
      expect(row.accepted_at >= started && row.accepted_at <= now, row.accepted_at).toBe(true);
    }
    // Nothing in the ledger names the reader or the address they came from.
    const text = JSON.stringify(rows);
    expect(text.toLowerCase()).not.toContain(normalized);
    expect(text).not.toContain('127.0.0.1');
  } finally {
    await handle.close();
  }
}

/** The page's `<h1>`, and on failure what the page said instead (an error page explains itself). */
async function expectHeading(page: Page, heading: string) {
  await page.waitForLoadState('load');
  const found = await page.locator('h1').first().textContent();
  expect(found?.trim(), `${page.url()}: ${(await page.locator('main').textContent())?.trim()}`).toBe(heading);
}

/** Runs axe on the page and fails with each violation's rule, impact and first elements. */
async function expectNoViolations(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const problems = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
  expect(problems, label).toEqual([]);
}

interface Newsroom {
  call(method: string, pathname: string, body?: unknown): Promise<unknown>;
}

/** The Admin API as the demo owner, whose password the server printed at its first start. */
async function newsroom(server: Started): Promise<Newsroom> {
  const { api, headers } = await signInAsDemoOwner(server);
  return {
    async call(method, pathname, body) {
      const res = await fetch(`${api}${pathname}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
}

/** Writes and publishes the three metered articles; returns their absolute addresses. */
async function publishArticles(server: Started, admin: Newsroom): Promise<string[]> {
  const { settings } = (await admin.call('GET', '/settings')) as {
    settings: { key: string; value: unknown }[];
  };
  const timeZone = String(settings.find((s) => s.key === 'publication.timezone')?.value);
  const urls: string[] = [];
  for (const article of ARTICLES) {
    const { ending: _ending, ...fields } = article;
    const created = (await admin.call('POST', '/articles', { ...fields, bodyMarkdown: bodyOf(article) })) as {
      id: string;
      revision: number;
    };
    const published = (await admin.call('POST', `/articles/${created.id}/publish`, {
      revision: created.revision,
    })) as { slug: string; firstPublishedAt: string };
    urls.push(`${server.baseUrl}${articlePath(published, timeZone)}`);
  }
  return urls;
}
