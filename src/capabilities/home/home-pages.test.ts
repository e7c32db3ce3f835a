import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { updateSetting } from '../settings/index.js';

describeEachDialect('front page of an empty paper', (t) => {
  it('says the paper is empty and how to add the first article, under the masthead and footer from settings', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    await updateSetting(t.database.db, clock, 'publication.name', 'The Morning <Ledger>');
    await updateSetting(
      t.database.db,
      clock,
      'publication.copyright_holder',
      'The Morning Ledger Company, LLC',
    );
    await updateSetting(t.database.db, clock, 'publication.footer_notice', 'May not be reproduced.');
    const { app } = await buildTestApp(t.database, { clock });
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html><html lang="en-US">/);
    // Text typed by staff is escaped, never markup.
    expect(res.body).toContain('<title>The Morning &lt;Ledger></title>');
    expect(res.body).toContain('has no articles yet');
    expect(res.body).toContain('npx masthead --help');
    expect(res.body).toContain('© 2026 The Morning Ledger Company, LLC. All rights reserved.');
    expect(res.body).toContain('May not be reproduced.');
    expect(res.body).toContain('<main id="content"');
  });
});
