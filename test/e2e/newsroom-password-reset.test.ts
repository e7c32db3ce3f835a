import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { addressesOf, linksIn, readOutbox } from '../support/smtp.js';

/**
 * A reporter who forgot the password, in Chromium on the real server: "Forgot your password?" on the
 * sign-in page, the mailed link (read from the outbox folder), a new password on the page it opens,
 * then signing in with it. The old password no longer works, and the link works once.
 */

const REPORTER = {
  email: 'rhea@news.example',
  name: 'Rhea Reporter',
  password: 'harbour-ferry-timetable',
  role: 'reporter',
};
const NEW_PASSWORD = 'tide-tables-and-lighthouses';

describe.skipIf(!hasChromium)('newsroom password reset in Chromium', JOURNEY_RETRY, () => {
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
        newsroom = await startNewsroomServer(dialect, [REPORTER]);
      });
      afterAll(async () => {
        await newsroom?.stop();
      });

      it('mails a link from the sign-in page, sets a new password once, and signs in with it', async () => {
        const { server } = newsroom;
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const shoot = screenshots(page, dialect, 'password-reset');
        await page.goto(`${server.baseUrl}/newsroom/`);
        await page.getByRole('button', { name: 'Forgot your password?' }).click();
        await page.getByLabel('Your staff email').fill(REPORTER.email);
        await page.getByRole('button', { name: 'Send reset link' }).click();
        await page.getByRole('status').waitFor();
        await checkAxe(page, 'reset requested');
        await shoot('requested');

        // The worker in the server writes the mail to the outbox folder.
        const outbox = path.join(newsroom.dataDir, 'outbox');
        let link: string | undefined;
        await expect
          .poll(
            async () => {
              const mail = (await readOutbox(outbox).catch(() => [])).filter((m) =>
                addressesOf(m).includes(REPORTER.email),
              );
              link = mail.flatMap((m) => linksIn(m)).find((l) => l.includes('/newsroom/reset-password'));
              return link !== undefined;
            },
            { timeout: 20_000 },
          )
          .toBe(true);
        const resetUrl = new URL(link!);
        const local = `${server.baseUrl}${resetUrl.pathname}${resetUrl.hash}`;

        await page.goto(local);
        await page.getByLabel('New password').fill(NEW_PASSWORD);
        await checkAxe(page, 'reset page');
        await shoot('new-password');
        await page.getByRole('button', { name: 'Set password' }).click();
        await page.getByRole('status').waitFor();

        // The link works once (a reload: the same address again).
        await page.reload();
        await page.getByLabel('New password').fill('another-password-entirely');
        await page.getByRole('button', { name: 'Set password' }).click();
        await page.getByRole('alert').waitFor();

        await signIn(page, server.baseUrl, { email: REPORTER.email, password: NEW_PASSWORD });
        await context.close();

        const old = await fetch(`${server.baseUrl}/api/admin/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: REPORTER.email, password: REPORTER.password }),
        });
        expect(old.status).toBe(401);
      });
    });
  }
});
