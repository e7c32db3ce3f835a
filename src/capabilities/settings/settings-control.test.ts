import { expect, it } from 'vitest';
import { fixedClock, lastMailTo, publishLegal, TestBrowser } from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';

/**
 * Issue 12, F7: a CR/LF in `publication.name` was accepted, then every reader mail failed with a
 * 500 and the line break reached <title>. Single-line settings refuse control characters; multi-line
 * ones take "\n" only; a row stored before that reads as one line, and mail headers are one line
 * whatever is stored.
 */
describeEachDialect('settings with control characters', (t) => {
  async function setup() {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock });
    const { headers } = await signedInAs(deps, 'admin');
    return { app, deps, clock, headers };
  }

  it('refuses a line break or other control character in a single-line setting, naming it, writing nothing', async () => {
    const { app, headers } = await setup();
    for (const name of ['The Morning\r\nLedger', 'The Morning\nLedger', 'The\tLedger', 'The\u2028Ledger']) {
      const res = await app.inject({
        method: 'PATCH',
        url: '/api/admin/v1/settings',
        headers,
        payload: { 'publication.name': name, 'publication.description': 'Fine.' },
      });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      const { error } = res.json();
      expect(error.code).toBe('SETTINGS_INVALID');
      expect(error.details.fields).toEqual(['publication.name']);
      expect(error.details.problems[0].code).toBe('SETTING_CONTROL_CHARACTERS');
      expect(error.message).toContain('publication.name must be one line of text');
    }
    const stored = await t.database.db.selectFrom('settings').select('key').execute();
    expect(stored).toEqual([]);
  });

  it('lets a multi-line setting hold "\\n" only', async () => {
    const { app, headers } = await setup();
    const patch = (value: string) =>
      app.inject({
        method: 'PATCH',
        url: '/api/admin/v1/settings',
        headers,
        payload: { 'crawlers.robots_extra': value },
      });
    expect((await patch('User-agent: X\nDisallow: /')).statusCode).toBe(200);
    const crlf = await patch('User-agent: X\r\nDisallow: /');
    expect(crlf.statusCode).toBe(400);
    expect(crlf.json().error.details.problems[0]).toMatchObject({
      field: 'crawlers.robots_extra',
      code: 'SETTING_CONTROL_CHARACTERS',
    });
    expect((await app.inject('/robots.txt')).body).toContain('User-agent: X\nDisallow: /\n');
  });

  it('reads a line break stored before as a space: one-line <title>, and reader mail goes out', async () => {
    const { app, deps, clock } = await setup();
    await t.database.db
      .insertInto('settings')
      .values({
        key: 'publication.name',
        value: JSON.stringify('The Morning\r\nLedger'),
        updated_at: TEST_NOW,
        updated_by: 'before issue 12',
      })
      .execute();
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    const title = /<title>(.*?)<\/title>/s.exec(home.body)?.[1];
    expect(title).toBe('The Morning Ledger');

    await publishLegal(deps);
    const browser = new TestBrowser(app, clock);
    const sent = await browser.submit('/account/sign-up', '/account/sign-up', {
      email: 'ada@example.com',
      display_name: 'Ada',
      password: 'correct horse battery',
    });
    expect(sent.statusCode).toBe(200);
    const mail = await lastMailTo(deps, 'ada@example.com');
    expect(mail.from?.value[0]?.name).toBe('The Morning Ledger');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('The Morning Ledger');
  });
});
