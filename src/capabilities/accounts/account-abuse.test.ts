import { expect, it } from 'vitest';
import {
  errorCode,
  fixedClock,
  formIn,
  hiddenFields,
  lastMailTo,
  outbox,
  publishLegal,
  signedUpReader,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { codeIn } from '../../../test/support/smtp.js';
import { isDisposableAddress } from './account-abuse.js';
import { HONEYPOT_FIELD } from './reader-forms.js';
import { READER_COOKIE } from './reader-session.js';

describeEachDialect('account abuse rules', (t) => {
  async function setup() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    await publishLegal(deps);
    let n = 0;
    const fresh = () => new TestBrowser(app, clock, `198.51.100.${++n}`);
    return { app, deps, clock, browser: new TestBrowser(app, clock), fresh };
  }
  const readers = () => t.database.db.selectFrom('readers').select('id').execute();

  function expectLimited(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).toMatch(/Please try again in \d+ (seconds|minutes), after \d\d:\d\d UTC\./);
  }

  it('refuses a filled honeypot, hidden from people, screen readers and the keyboard', async () => {
    const { deps, browser } = await setup();
    const page = await browser.get('/account/sign-up');
    expect(page.body).toMatch(
      new RegExp(
        `<div class="form-trap" aria-hidden="true" style="[^"]*left:-10000px[^"]*"><label for="${HONEYPOT_FIELD}">`,
      ),
    );
    expect(page.body).toContain(`name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"`);
    for (const [form, action] of [
      ['/account/sign-up', '/account/sign-up'],
      ['/account/sign-in', '/account/sign-in/link'],
      ['/account/forgot', '/account/forgot'],
    ] as const) {
      const refused = await browser.submit(form, action, {
        email: 'bot@example.com',
        [HONEYPOT_FIELD]: 'http://spam',
      });
      expect(refused.statusCode, action).toBe(400);
      expect(errorCode(refused.body)).toBe('FORM_REFUSED');
    }
    expect(await readers()).toHaveLength(0);
    expect(await outbox(deps)).toHaveLength(0);
  });

  it('refuses a form sent faster than a person fills it, and a forged start time; a person then gets through', async () => {
    const { browser } = await setup();
    const page = await browser.get('/account/sign-up');
    const hidden = hiddenFields(formIn(page.body, '/account/sign-up'));
    const quick = await browser.post('/account/sign-up', { ...hidden, email: 'quick@example.com' });
    expect(quick.statusCode).toBe(400);
    expect(errorCode(quick.body)).toBe('FORM_TOO_FAST');
    expect(quick.body).toContain('value="quick@example.com"');

    const forged = await browser.post('/account/sign-up', {
      ...hidden,
      started: `${Date.parse(TEST_NOW) - 60_000}.${'0'.repeat(64)}`,
      email: 'forged@example.com',
    });
    expect(forged.statusCode).toBe(400);
    expect(errorCode(forged.body)).toBe('FORM_STALE');
    const missing = await browser.post('/account/sign-up', {
      csrf: hidden.csrf,
      email: 'forged@example.com',
    });
    expect(errorCode(missing.body)).toBe('FORM_STALE');

    // The redrawn form carries a new start time: sent at a person's pace, it goes through.
    const person = await browser.send(quick.body, '/account/sign-up', { email: 'quick@example.com' });
    expect(person.statusCode).toBe(200);
    expect(await readers()).toHaveLength(1);

    const tooOld = await browser.get('/account/sign-up');
    browser.clock.advance(25 * 60 * 60 * 1000);
    const stale = await browser.send(tooOld.body, '/account/sign-up', { email: 'late@example.com' });
    expect(errorCode(stale.body)).toBe('FORM_STALE');
  });

  it('refuses throwaway-mail domains when an account is made', async () => {
    const { browser } = await setup();
    for (const email of ['someone@mailinator.com', 'someone@YOPMAIL.com', 'someone@inbox.mailinator.com']) {
      const refused = await browser.submit('/account/sign-up', '/account/sign-up', { email });
      expect(refused.statusCode, email).toBe(400);
      expect(errorCode(refused.body)).toBe('EMAIL_DISPOSABLE');
    }
    expect(await readers()).toHaveLength(0);
    expect(isDisposableAddress('reader@example.com')).toBe(false);
  });

  it('limits sign-ups per IP and per address', async () => {
    const { browser, fresh } = await setup();
    for (let i = 0; i < 10; i++) {
      const ok = await browser.submit('/account/sign-up', '/account/sign-up', { email: `r${i}@example.com` });
      expect(ok.statusCode).toBe(200);
    }
    expectLimited(await browser.submit('/account/sign-up', '/account/sign-up', { email: 'r10@example.com' }));
    // Another address (IP) is not held up by this one.
    expect(
      (await fresh().submit('/account/sign-up', '/account/sign-up', { email: 'r10@example.com' })).statusCode,
    ).toBe(200);

    for (let i = 0; i < 2; i++) {
      const ok = await fresh().submit('/account/sign-up', '/account/sign-up', {
        email: 'target@example.com',
      });
      expect(ok.statusCode).toBe(200);
    }
    const third = await fresh().submit('/account/sign-up', '/account/sign-up', {
      email: 'target@example.com',
    });
    expect(third.statusCode).toBe(200);
    expectLimited(
      await fresh().submit('/account/sign-up', '/account/sign-up', { email: 'TARGET@example.com' }),
    );
  });

  it('limits password sign-in per address on new browsers, whatever the IP, without locking the reader out', async () => {
    const { deps, browser, fresh } = await setup();
    await signedUpReader(browser, deps, 'victim@example.com', 'the real password');
    const guess = (password: string) =>
      fresh().submit('/account/sign-in', '/account/sign-in', { email: 'victim@example.com', password });
    for (let i = 0; i < 9; i++) expect((await guess(`early guess ${i}`)).statusCode).toBe(401);
    // The reader's own laptop signs in (and is known from now on): the tenth attempt on the address.
    const laptop = fresh();
    expect(
      (
        await laptop.submit('/account/sign-in', '/account/sign-in', {
          email: 'victim@example.com',
          password: 'the real password',
        })
      ).statusCode,
    ).toBe(303);
    // Later the session has ended; the browser keeps its known-device cookie.
    laptop.cookies.delete(READER_COOKIE);
    // A new browser gets the same page for any password, and a mailed code only for the right one.
    const mailed = (await outbox(deps)).length;
    const wrong = await guess('one more guess');
    const right = await guess('the real password');
    expect(wrong.statusCode).toBe(200);
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('many failed sign-ins');
    expect(wrong.body.replace(/value="[^"]*"/g, '')).toBe(right.body.replace(/value="[^"]*"/g, ''));
    expect(await outbox(deps)).toHaveLength(mailed + 1);
    const code = codeIn(await lastMailTo(deps, 'victim@example.com'));
    const phone = fresh();
    const signedIn = await phone.submit('/account/code', '/account/code', {
      email: 'victim@example.com',
      code: code!,
    });
    expect(signedIn.statusCode).toBe(303);

    // The laptop is known: the right password lets it straight in, while the attacker stays out.
    const back = await laptop.submit('/account/sign-in', '/account/sign-in', {
      email: 'victim@example.com',
      password: 'the real password',
    });
    expect(back.statusCode).toBe(303);
    expect((await guess('still guessing')).statusCode).toBe(200);
  });

  it('limits sign-in per IP across addresses', async () => {
    const { browser } = await setup();
    for (let i = 0; i < 30; i++) {
      const wrong = await browser.submit('/account/sign-in', '/account/sign-in', {
        email: `n${i}@example.com`,
        password: 'x',
      });
      expect(wrong.statusCode).toBe(401);
    }
    expectLimited(
      await browser.submit('/account/sign-in', '/account/sign-in', {
        email: 'n30@example.com',
        password: 'x',
      }),
    );
  });

  it('limits link requests, code tries and reset requests per address', async () => {
    const { deps, browser, fresh } = await setup();
    await signedUpReader(browser, deps, 'inbox@example.com');
    for (let i = 0; i < 5; i++) {
      const ok = await fresh().submit('/account/sign-in', '/account/sign-in/link', {
        email: 'inbox@example.com',
      });
      expect(ok.statusCode).toBe(200);
    }
    expectLimited(
      await fresh().submit('/account/sign-in', '/account/sign-in/link', { email: 'inbox@example.com' }),
    );

    const code = codeIn(await lastMailTo(deps, 'inbox@example.com'))!;
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 10; i++) {
      const tried = await fresh().submit('/account/code', '/account/code', {
        email: 'inbox@example.com',
        code: wrong,
      });
      expect(tried.statusCode).toBe(401);
    }
    expectLimited(
      await fresh().submit('/account/code', '/account/code', { email: 'inbox@example.com', code }),
    );

    for (let i = 0; i < 3; i++) {
      const ok = await fresh().submit('/account/forgot', '/account/forgot', { email: 'inbox@example.com' });
      expect(ok.statusCode).toBe(200);
    }
    expectLimited(await fresh().submit('/account/forgot', '/account/forgot', { email: 'inbox@example.com' }));
  });
});
