import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src/capabilities/staff/totp.js';
import { journeyDialects } from '../support/databases.js';
import {
  checkAxe,
  hasChromium,
  JOURNEY_RETRY,
  launchChromium,
  type NewsroomServer,
  screenshots,
  startNewsroomServer,
} from '../support/newsroom-browser.js';

/**
 * Two-step sign-in in the newsroom app, on the real server: the owner turns on two-factor and requires it
 * of everyone; the owner then signs in with a recovery code, and a reporter who has no second factor yet
 * sets one up from the sign-in page (key shown, code typed, recovery codes shown once) and lands on the
 * budget. Without this, a paper that requires two-factor could not use the app at all.
 */

const REPORTER = {
  email: 'rhea@news.example',
  name: 'Rhea Reporter',
  password: 'harbour-ferry-timetable',
  role: 'reporter',
};
const codeFor = (secret: string) => hotp(base32Decode(secret), totpStep(Date.now()));

describe.skipIf(!hasChromium)('newsroom two-step sign-in in Chromium', JOURNEY_RETRY, () => {
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

      it('signs in with a recovery code, and sets up two-factor on the way in when the paper requires it', async () => {
        const { admin, server } = newsroom;
        const enrol = await admin.call('POST', '/auth/two-factor/enrol', {});
        expect(enrol.status).toBe(200);
        const { secret } = enrol.json as unknown as { secret: string };
        const confirmed = await admin.call('POST', '/auth/two-factor/confirm', { code: codeFor(secret) });
        expect(confirmed.status).toBe(200);
        const { recoveryCodes } = confirmed.json as unknown as { recoveryCodes: string[] };
        expect((await admin.call('PUT', '/two-factor-policy', { twoFactorRequired: true })).status).toBe(200);

        // The owner: password, then a recovery code.
        const ownerPassword = server.output().match(/password: +(\S+)/)![1]!;
        const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const owner = await ownerContext.newPage();
        const shootOwner = screenshots(owner, dialect, 'two-factor-owner');
        await owner.goto(`${server.baseUrl}/newsroom/`);
        await owner.getByLabel('Email').fill('owner@example.com');
        await owner.getByLabel('Password').fill(ownerPassword);
        await owner.getByRole('button', { name: 'Sign in' }).click();
        const code = owner.getByRole('textbox', { name: 'Code' });
        await code.waitFor();
        // A new, empty field: never the password typed a moment ago.
        expect(await code.inputValue()).toBe('');
        await checkAxe(owner, 'two-factor code');
        await shootOwner('code');
        await code.fill('000000');
        await owner.getByRole('button', { name: 'Continue' }).click();
        await owner.getByRole('alert').waitFor();
        await code.fill(recoveryCodes[0]!);
        await owner.getByRole('button', { name: 'Continue' }).click();
        await owner.getByRole('heading', { name: 'Story budget' }).waitFor();
        await ownerContext.close();

        // The reporter: required to set it up, from the sign-in page.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const shoot = screenshots(page, dialect, 'two-factor-enrol');
        await page.goto(`${server.baseUrl}/newsroom/`);
        await page.getByLabel('Email').fill(REPORTER.email);
        await page.getByLabel('Password').fill(REPORTER.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        const key = page.getByTestId('two-factor-key');
        await key.waitFor();
        expect(await page.getByRole('textbox', { name: 'Code' }).inputValue()).toBe('');
        await checkAxe(page, 'two-factor enrol');
        await shoot('key');
        await page.getByRole('textbox', { name: 'Code' }).fill(codeFor((await key.textContent())!.trim()));
        await page.getByRole('button', { name: 'Continue' }).click();
        const codes = page.getByRole('list', { name: 'Recovery codes' });
        await codes.waitFor();
        expect(await codes.getByRole('listitem').count()).toBe(10);
        await checkAxe(page, 'recovery codes');
        await shoot('recovery-codes');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: 'Story budget' }).waitFor();
        await context.close();
      });
    });
  }
});
