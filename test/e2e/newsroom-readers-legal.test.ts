import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FILL_MS } from '../../src/capabilities/accounts/account-abuse.js';
import { RESULTS } from '../support/browser.js';
import { journeyDialects } from '../support/databases.js';
import {
  checkAxe,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  type NewsroomServer,
  screenshots,
  signIn,
  startNewsroomServer,
} from '../support/newsroom-browser.js';
import { addressesOf, codeIn, readOutbox } from '../support/smtp.js';

/**
 * Issue 16's journeys for Settings, Legal and Readers, in Chromium on the compiled server: an admin
 * changes the paper's settings with a preview; publishes a Privacy Policy version that requires
 * acceptance, and a reader signed in (another browser context) is asked at their next page; the reader
 * is then erased on request from the newsroom, and the ledger's CSV still proves the consent by its keyed
 * hash with the address gone. A Terms of Use version is published to take effect later, typed on the paper's
 * clocks from a computer in another zone. An editor sees Readers but not the admins' screens.
 */

const ADMIN = {
  email: 'ada@news.example',
  name: 'Ada Admin',
  password: 'ledger-keeps-every-line',
  role: 'admin',
};
const EDITOR = {
  email: 'eli@news.example',
  name: 'Eli Editor',
  password: 'copy-desk-at-midnight',
  role: 'editor',
};

/** Screenshots at 1280 and 1024 px: test-results/newsroom-<screen>-<dialect>-<name>-<width>.png. */
async function shoot(page: Page, screen: string, dialect: string, name: string) {
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const file = `newsroom-${screen}-${dialect}-${name}-${width}.png`;
    await page.screenshot({ path: path.join(RESULTS, file), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!hasChromium)(
  'newsroom Settings, Legal and Readers in Chromium (issue 16)',
  JOURNEY_RETRY,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    for (const dialect of journeyDialects('sqlite')) {
      describe(dialect, () => {
        let newsroom: NewsroomServer;
        beforeAll(async () => {
          newsroom = await startNewsroomServer(dialect, [ADMIN, EDITOR]);
        });
        afterAll(async () => {
          await newsroom?.stop();
        });

        it('changes settings with a preview, and refuses a bad value beside its field', {
          timeout: 120_000,
        }, async () => {
          const { server } = newsroom;
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          await signIn(page, server.baseUrl, ADMIN);
          await page
            .getByRole('navigation', { name: 'Newsroom' })
            .getByRole('link', { name: 'Settings' })
            .click();
          await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
          const name = page.getByLabel('Name', { exact: true });
          await name.fill('The Harbour Ledger');
          await page.getByLabel('Copyright holder').fill('Harbour Ledger Company');
          const preview = page.getByRole('region', { name: 'What readers see' });
          await expect.poll(() => preview.textContent()).toContain('© ');
          expect(await preview.textContent()).toContain('Harbour Ledger Company. All rights reserved.');
          await page.getByLabel('Main navigation').fill('World | /section/world\nCity | /section/city');
          expect(await preview.getByRole('listitem').allTextContents()).toEqual(['World', 'City']);
          await page.getByLabel('Free articles a month').fill('3');
          expect(await preview.textContent()).toContain('You have read 3 of 3 free articles this month.');
          // The time zone list is searched by any part of the name, by keyboard.
          const zone = page.getByRole('combobox', { name: 'Time zone' });
          await zone.fill('york');
          await page.getByRole('option', { name: 'America/New_York' }).waitFor();
          await zone.press('ArrowDown');
          await zone.press('Enter');
          expect(await zone.inputValue()).toBe('America/New_York');
          await page.getByLabel('Locale').fill('en-us');
          await page.getByRole('button', { name: 'Save settings' }).click();
          // The API's refusal in words beside the field; nothing else was written.
          const localeError = page.getByText('should be written "en-US"');
          await localeError.waitFor();
          await checkAxe(page, 'settings refusal');
          await shoot(page, 'settings', dialect, '01-refused');
          await page.getByLabel('Locale').fill('en-US');
          await page.getByRole('button', { name: 'Save settings' }).click();
          await page.getByRole('status').filter({ hasText: 'Readers see it on their next page' }).waitFor();
          const home = await (await fetch(`${server.baseUrl}/`)).text();
          expect(home).toContain('The Harbour Ledger');
          expect(home).toContain('© ');
          expect(home).toContain('Harbour Ledger Company. All rights reserved.');
          await checkAxe(page, 'settings saved');
          await shoot(page, 'settings', dialect, '02-saved');
          await context.close();
        });

        it('asks a signed-in reader to accept a new Privacy Policy, then erases them on request; the CSV keeps the proof', {
          timeout: 240_000,
        }, async () => {
          const { server, admin } = newsroom;
          // The reader: signs up on the reader site in its own browser context.
          const readerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const reader = await readerContext.newPage();
          const email = `jo-${dialect}-${Date.now()}@example.org`;
          await reader.goto(`${server.baseUrl}/account/sign-up`);
          await reader.getByLabel('Email address', { exact: true }).fill(email);
          await reader
            .getByLabel('Password (optional)', { exact: true })
            .fill('a long and private passphrase');
          await reader.waitForTimeout(MIN_FILL_MS + 500);
          await reader.getByRole('button', { name: 'Create account' }).click();
          await reader.getByRole('heading', { name: 'Check your inbox' }).waitFor();
          const outbox = path.join(newsroom.dataDir, 'outbox');
          let code: string | null = null;
          await expect
            .poll(
              async () => {
                const mail = (await readOutbox(outbox).catch(() => [])).find((m) =>
                  addressesOf(m).includes(email),
                );
                code = mail ? codeIn(mail) : null;
                return code !== null;
              },
              { timeout: 30_000 },
            )
            .toBe(true);
          await reader.getByLabel('Code', { exact: true }).fill(code!);
          await Promise.all([
            reader.waitForResponse(
              (r) => r.url().endsWith('/account/code') && r.request().method() === 'POST',
            ),
            reader.getByRole('button', { name: 'Continue' }).click(),
          ]);
          await reader.waitForLoadState();
          // Signed in: the account page opens rather than sending the reader to sign in.
          await reader.goto(`${server.baseUrl}/account`);
          await reader.screenshot({
            path: path.join(RESULTS, `newsroom-readers-${dialect}-00-reader-account.png`),
          });
          expect(new URL(reader.url()).pathname).toBe('/account');

          // The admin publishes a Privacy Policy version that requires acceptance.
          const context = await browser.newContext({
            viewport: { width: 1280, height: 900 },
            acceptDownloads: true,
          });
          const page = await context.newPage();
          await signIn(page, server.baseUrl, ADMIN);
          await page
            .getByRole('navigation', { name: 'Newsroom' })
            .getByRole('link', { name: 'Legal' })
            .click();
          await page.getByRole('heading', { name: 'Legal documents' }).waitFor();
          await page.getByRole('grid', { name: 'Privacy Policy' }).getByRole('row').nth(1).waitFor();
          await checkAxe(page, 'legal');
          await shoot(page, 'legal', dialect, '01-versions');
          await page.getByRole('button', { name: 'View version 1 of the Privacy Policy' }).click();
          const viewing = page.getByRole('dialog');
          await viewing.getByRole('heading', { name: /version 1/ }).waitFor();
          await checkAxe(page, 'legal version');
          await viewing.getByRole('button', { name: 'Close' }).click();

          await page.getByRole('button', { name: 'Publish a new Privacy Policy version' }).click();
          const dialog = page.getByRole('dialog');
          await dialog
            .getByLabel('Summary of changes')
            .fill('Server logs are kept for 30 days instead of 90.');
          // No summary for readers is refused, in words beside the field... then with one it goes.
          await dialog.getByLabel('Title').fill('');
          await dialog.getByRole('button', { name: 'Publish version' }).click();
          await dialog.getByText('A title of 1 to').waitFor();
          await dialog.getByLabel('Title').fill('Privacy Policy');
          // Keyboard: Space ticks the box, and the dialog says what it will ask of readers.
          await dialog.getByLabel('Requires acceptance').focus();
          await page.keyboard.press('Space');
          await dialog.getByText('Signed-in readers will be asked to accept it at their next page').waitFor();
          await checkAxe(page, 'publish legal version');
          await shoot(page, 'legal', dialect, '02-publish');
          await dialog.getByRole('button', { name: 'Publish version' }).click();
          await page
            .getByRole('status')
            .filter({ hasText: 'Signed-in readers will be asked to accept it at their next page' })
            .waitFor();
          await shoot(page, 'legal', dialect, '03-published');

          // The reader's next page asks first.
          // An article from the home page, as a reader would go on reading.
          const home = await (await fetch(`${server.baseUrl}/`)).text();
          const articlePathOnHome = /href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/.exec(home)?.[1];
          expect(articlePathOnHome, 'an article linked from the home page').toBeDefined();
          const article = `${server.baseUrl}${articlePathOnHome}`;
          await reader.goto(article);
          await reader.waitForURL((u) => u.pathname === '/account/consent');
          await reader.getByRole('heading', { name: 'We have updated our Privacy Policy' }).waitFor();
          expect(await reader.content()).toContain('Server logs are kept for 30 days instead of 90.');
          await reader.getByRole('button', { name: 'Accept and continue' }).click();
          await reader
            .waitForURL((u) => u.pathname !== '/account/consent')
            .catch(async (error) => {
              await reader.screenshot({
                path: path.join(RESULTS, `newsroom-readers-${dialect}-consent-failed.png`),
              });
              throw error;
            });
          expect(new URL(reader.url()).pathname).toBe(new URL(article).pathname);

          // Readers: found by part of the address, by keyboard; consents and sessions shown.
          await page
            .getByRole('navigation', { name: 'Newsroom' })
            .getByRole('link', { name: 'Readers' })
            .click();
          await page.getByRole('heading', { name: 'Readers', level: 1 }).waitFor();
          await page.getByLabel('Search by email').fill(email.slice(0, 12).toUpperCase());
          await page.keyboard.press('Enter');
          await page.getByRole('button', { name: email }).click();
          const consents = page.getByRole('grid', { name: 'Consent history' });
          await expect.poll(() => consents.getByRole('row').count()).toBe(4);
          expect(await consents.textContent()).toContain('when asked again');
          const sessions = page.getByRole('grid', { name: 'Sessions' });
          await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
          await checkAxe(page, 'reader');
          await shoot(page, 'readers', dialect, '01-reader');

          // Erasure: what stays is shown before confirming.
          const detail = (await admin.call('GET', `/readers?email=${encodeURIComponent(email)}`))
            .json as unknown as {
            readers: { id: string }[];
          };
          const readerId = detail.readers[0]!.id;
          const proof = (await admin.call('GET', `/readers/${readerId}`)).json as unknown as {
            consentProof: { subjectHashes: string[] };
          };
          const hash = proof.consentProof.subjectHashes[0]!;
          await page.getByRole('button', { name: 'Erase this reader' }).click();
          const erase = page.getByRole('dialog');
          await erase.getByText('the keyed consent proof').waitFor();
          expect(await erase.textContent()).toContain('3 consent entries in the ledger');
          expect(await erase.textContent()).toContain(hash);
          await checkAxe(page, 'erase reader');
          await shoot(page, 'readers', dialect, '02-erase');
          await erase.getByRole('button', { name: 'Erase reader' }).click();
          await page.getByRole('status').filter({ hasText: 'Reader erased' }).waitFor();
          expect(await page.getByRole('status').filter({ hasText: 'Reader erased' }).textContent()).toContain(
            hash,
          );
          await shoot(page, 'readers', dialect, '03-erased');

          // The reader's session ended with the account.
          await reader.goto(`${server.baseUrl}/account`);
          await reader.waitForURL((u) => u.pathname.startsWith('/account/sign-in'));

          // The ledger's CSV for today still proves the consents, keyed by the hash, with no address.
          const today = new Date().toISOString().slice(0, 10);
          await page.getByLabel('From (day, inclusive)').fill(today);
          await page.getByLabel('To (day, inclusive)').fill(today);
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('button', { name: 'Export CSV' }).click(),
          ]);
          const csv = fs.readFileSync((await download.path())!, 'utf8');
          const rows = csv
            .trim()
            .split('\r\n')
            .slice(1)
            .map((line) => line.split(','));
          const kept = rows.filter((row) => row[2] === hash);
          expect(kept.map((row) => [row[1], row[3], row[6]].join(' ')).sort()).toEqual([
            'deleted privacy reconsent',
            'deleted privacy signup',
            'deleted terms signup',
          ]);
          expect(csv).not.toContain(email);
          await checkAxe(page, 'readers after erasure');
          await shoot(page, 'readers', dialect, '04-export');

          const audit = (await admin.call('GET', '/audit?action=reader.erased')).json as unknown as {
            items: { subject: { id: string }; actor: { name: string } }[];
          };
          expect(audit.items.map((e) => [e.subject.id, e.actor.name])).toEqual([[readerId, ADMIN.name]]);
          await readerContext.close();
          await context.close();
        });

        it('publishes a Terms of Use version from a later date and time on the paper’s clocks', {
          timeout: 120_000,
        }, async () => {
          const { server, admin } = newsroom;
          const zone = await admin.call('PATCH', '/settings', { 'publication.timezone': 'America/New_York' });
          expect(zone.status).toBe(200);
          // July: New York keeps daylight time (EDT, UTC-4), so 09:30 there is 13:30 UTC.
          const year = new Date().getUTCFullYear() + 1;
          const shown = `1 Jul ${year}, 09:30 EDT`;
          // A computer in Tokyo: what it types and reads is New York time all the same.
          const context = await browser.newContext({
            viewport: { width: 1280, height: 900 },
            timezoneId: 'Asia/Tokyo',
          });
          const page = await context.newPage();
          const screenshot = screenshots(page, dialect, 'legal-effective');
          try {
            await signIn(page, server.baseUrl, ADMIN);
            await page
              .getByRole('navigation', { name: 'Newsroom' })
              .getByRole('link', { name: 'Legal' })
              .click();
            await page.getByRole('heading', { name: 'Legal documents' }).waitFor();
            await page.getByRole('button', { name: 'Publish a new Terms of Use version' }).click();
            const dialog = page.getByRole('dialog', { name: 'New version of the Terms of Use' });
            await dialog.getByLabel('Summary of changes').fill('Comments are read before they appear.');
            const field = dialog.getByRole('group', { name: 'Effective from' });
            await field.getByText('Takes effect when published.').waitFor();

            // Half a time is refused before sending; a time already past by the API; both beside the field.
            await dialog.getByLabel('Effective date').fill('2020-01-01');
            await dialog.getByRole('button', { name: 'Publish version' }).click();
            await field.getByRole('alert').getByText('Give both a date and a time').waitFor();
            await dialog.getByLabel('Effective time').fill('09:30');
            await dialog.getByRole('button', { name: 'Publish version' }).click();
            await field.getByRole('alert').getByText('A version cannot take effect in the past').waitFor();
            await checkAxe(page, 'legal effective from refused');
            await screenshot('refused');

            await dialog.getByLabel('Effective date').fill(`${year}-07-01`);
            await field.getByText(`Takes effect ${shown}.`).waitFor();
            expect(await field.getByRole('alert').count()).toBe(0);
            await dialog.getByText(`It takes effect ${shown}, not before.`).waitFor();
            await screenshot('publish');
            await dialog.getByRole('button', { name: 'Publish version' }).click();
            await page
              .getByRole('status')
              .filter({ hasText: `It takes effect ${shown}, not before.` })
              .waitFor();
            const scheduled = page
              .getByRole('grid', { name: 'Terms of Use' })
              .getByRole('row')
              .filter({ hasText: 'scheduled' });
            expect(await scheduled.textContent()).toContain(shown);
            await page.getByText(`from ${shown}.`).waitFor();
            await checkAxe(page, 'legal scheduled');
            await screenshot('scheduled');

            // The API keeps the instant: 09:30 in New York is 13:30 UTC, whatever the computer's zone.
            const list = (await admin.call('GET', '/legal/terms/versions')).json as unknown as {
              versions: { status: string; effectiveAt: string }[];
            };
            const waiting = list.versions.filter((v) => v.status === 'scheduled');
            expect(waiting.map((v) => Date.parse(v.effectiveAt))).toEqual([Date.UTC(year, 6, 1, 13, 30)]);
          } finally {
            await context.close();
          }
        });

        it("shows an editor Readers but not the admins' Settings and Legal", {
          timeout: 60_000,
        }, async () => {
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          await signIn(page, newsroom.server.baseUrl, EDITOR);
          const nav = page.getByRole('navigation', { name: 'Newsroom' });
          expect(await nav.getByRole('link').allTextContents()).toContain('Readers');
          expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
          expect(await nav.getByRole('link', { name: 'Legal' }).count()).toBe(0);
          await nav.getByRole('link', { name: 'Readers' }).click();
          await page.getByRole('heading', { name: 'Readers', level: 1 }).waitFor();
          expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
          await context.close();
        });
      });
    }
  },
);
