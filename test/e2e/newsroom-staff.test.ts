import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyDialects } from '../support/databases.js';
import {
  adminApi,
  checkAxe,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  screenshots,
  signIn,
} from '../support/newsroom-browser.js';
import { freePort, processDatabase, type Started, startServer } from '../support/processes.js';
import { addressesOf, linksIn, startSmtpPeer } from '../support/smtp.js';

/**
 * Issue 16's Staff journey in Chromium on the real server with a real SMTP peer: the owner invites an
 * editor from the Staff screen, the editor joins by the mailed link and is signed in, the owner
 * deactivates them and the editor's open session is refused at its next request; the Activity log
 * shows all of it and exports it as CSV. Every control of the Staff screen is reached with Tab.
 */

const OWNER = {
  email: 'olive@news.example',
  name: 'Olive Owner',
  password: 'olive-owns-the-ledger',
  role: 'owner',
};
const EDITOR = { email: 'eda@news.example', name: 'Eda Editor' };
const EDITOR_PASSWORD = 'copy-desk-at-midnight';

/** Tabs through the page from the top and answers the controls in `main` that focus never reached. */
async function unreachedByTab(page: Page): Promise<string[]> {
  const controls = await page.$$eval('main :is(a[href], button, input, select, textarea)', (els) =>
    els
      // React Aria's hidden native select (for forms and autofill) is not a control a person uses.
      .filter(
        (e) =>
          !(e as HTMLButtonElement).disabled &&
          (e as HTMLElement).offsetParent !== null &&
          (e as HTMLElement).tabIndex >= 0 &&
          e.closest('[aria-hidden="true"]') === null,
      )
      .map((e, i) => {
        e.setAttribute('data-walk', String(i));
        return `${i}:${e.getAttribute('aria-label') ?? e.textContent?.trim() ?? e.tagName}`;
      }),
  );
  const reached = new Set<string>();
  await page.locator('body').focus();
  for (let i = 0; i < controls.length * 2 + 20; i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-walk') ?? null);
    if (id !== null) reached.add(id);
  }
  return controls.filter((c) => !reached.has(c.split(':')[0]!));
}

describe.skipIf(!hasChromium)('newsroom staff in Chromium', JOURNEY_RETRY, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const dialect of journeyDialects('sqlite')) {
    it(`[${dialect}] invite by mail, join, deactivate; the activity log keeps it all`, {
      timeout: 300_000,
    }, async () => {
      const smtp = await startSmtpPeer();
      const database = await processDatabase(dialect);
      let server: Started | undefined;
      try {
        server = await startServer({ ...database.env, PORT: String(await freePort()), SMTP_URL: smtp.url });
        const admin = await adminApi(server);
        expect((await admin.call('POST', '/staff', OWNER)).status).toBe(201);
        await journey(browser, server, dialect, smtp);
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
): Promise<void> {
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerContext.newPage();
  const shoot = screenshots(owner, 'staff', dialect);
  await signIn(owner, server.baseUrl, OWNER);
  await owner.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Staff' }).click();
  await owner.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
  await owner.getByRole('rowheader', { name: OWNER.name }).waitFor();
  await checkAxe(owner, 'staff list');
  expect(await unreachedByTab(owner), 'controls Tab never reached').toEqual([]);
  await shoot('list');

  // The invitation: Email, Name, Role (Editor), Send invitation.
  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  const dialog = owner.getByRole('dialog');
  await dialog.getByLabel('Email', { exact: true }).fill(EDITOR.email);
  await dialog.getByLabel('Name', { exact: true }).fill(EDITOR.name);
  await dialog.getByRole('button', { name: /Role/ }).click();
  await owner.getByRole('option', { name: 'Editor' }).click();
  await checkAxe(owner, 'invite dialog');
  await shoot('invite');
  await owner.getByRole('button', { name: 'Send invitation' }).click();
  await owner
    .getByRole('status')
    .filter({ hasText: `An invitation is on its way to ${EDITOR.email}` })
    .waitFor();
  await owner.getByText('link works until').waitFor();

  const mail = await smtp.waitFor((m) => addressesOf(m).includes(EDITOR.email), 30_000);
  const link = linksIn(mail).find((l) => l.includes('/newsroom/join#token='));
  expect(link, 'the mail has a join link').toBeDefined();
  const mailed = new URL(link!);
  const joinUrl = `${server.baseUrl}${mailed.pathname}${mailed.hash}`;

  // The editor joins in a browser of their own, and is signed in.
  const editorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const editor = await editorContext.newPage();
  await editor.goto(joinUrl);
  await editor.getByText(`${OWNER.name} invites you, ${EDITOR.name}`).waitFor();
  await editor.getByLabel('New password').fill(EDITOR_PASSWORD);
  await checkAxe(editor, 'join page');
  await screenshots(editor, 'staff', dialect)('join');
  await editor.getByRole('button', { name: 'Join' }).click();
  await editor.getByRole('heading', { name: 'Story budget' }).waitFor({ timeout: 15_000 });
  await editor.getByText(`${EDITOR.name} (editor)`).waitFor();
  // An editor is not shown the Staff screen.
  expect(
    await editor.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Staff' }).count(),
  ).toBe(0);

  // The link worked once.
  const again = await editorContext.newPage();
  await again.goto(joinUrl);
  await again.getByRole('alert').filter({ hasText: 'already been used' }).waitFor();
  await again.close();

  // The owner deactivates the editor; the editor's open session is refused at its next request.
  await owner.reload();
  await owner.getByRole('rowheader', { name: EDITOR.name }).waitFor();
  await owner.getByRole('button', { name: `Deactivate ${EDITOR.name}` }).click();
  await checkAxe(owner, 'deactivate dialog');
  await shoot('deactivate');
  await owner.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await owner.getByRole('button', { name: `Reactivate ${EDITOR.name}` }).waitFor();
  const me = await editor.request.get(`${server.baseUrl}/api/admin/v1/auth/me`);
  expect(me.status()).toBe(401);
  await editor.reload();
  await editor.getByRole('button', { name: 'Sign in' }).waitFor();
  await editorContext.close();

  // The activity log: who invited, who joined, who deactivated whom; and its CSV.
  await owner.getByRole('link', { name: 'Activity', exact: true }).click();
  await owner.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
  for (const what of ['Staff invited', 'Staff joined', 'Staff deactivated']) {
    await owner.getByRole('cell', { name: what }).waitFor();
  }
  await checkAxe(owner, 'activity log');
  expect(await unreachedByTab(owner), 'controls Tab never reached on Activity').toEqual([]);
  await shoot('activity');
  const csv = await owner.request.get(`${server.baseUrl}/api/admin/v1/audit.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text).toContain('staff.invited');
  expect(text).toContain('staff.joined');
  expect(text).toContain(`${EDITOR.name} deactivated`);

  // One staff member's activity, from their row.
  await owner.getByRole('link', { name: 'Staff', exact: true }).first().click();
  await owner.getByRole('link', { name: `Activity of ${EDITOR.name}` }).click();
  await owner.getByRole('heading', { name: `Activity of ${EDITOR.name}` }).waitFor();
  await owner.getByRole('cell', { name: 'Staff joined' }).waitFor();
  expect(await owner.getByRole('cell', { name: 'Staff invited' }).count()).toBe(0);
  await ownerContext.close();
}
