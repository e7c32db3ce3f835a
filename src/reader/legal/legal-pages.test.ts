import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import type { LegalKind } from '../../capabilities/legal/index.js';
import { publishLegalVersion } from '../../capabilities/legal/index.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { renderMarkdown } from './legal-pages.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachDialect('legal pages', (t) => {
  async function publish(
    db: Db,
    clock: ReturnType<typeof fixedClock>,
    kind: LegalKind,
    n: number,
    effectiveAt?: string,
  ) {
    return inTransaction(db, (trx) =>
      publishLegalVersion(trx, clock, TEST_EDITOR, kind, {
        title: 'Terms of Use',
        body: `# Terms\n\nVersion ${n} text. <script>alert(1)</script>\n\n[bad](javascript:alert(1)) [good](https://example.com/x)`,
        summaryOfChanges: n === 1 ? '' : `Change number ${n}.`,
        requiresAcceptance: false,
        ...(effectiveAt ? { effectiveAt } : {}),
      }),
    );
  }

  /** v1 on Nov 1, v2 on Nov 8, v3 in force since Nov 15, v4 scheduled for Dec 1; now is Nov 16. */
  async function terms() {
    const clock = fixedClock('2026-11-01T12:00:00Z');
    const { db } = t.database;
    await publish(db, clock, 'terms', 1);
    clock.advance(7 * DAY);
    await publish(db, clock, 'terms', 2);
    clock.advance(7 * DAY);
    await publish(db, clock, 'terms', 3);
    await publish(db, clock, 'terms', 4, '2026-12-01T00:00:00Z');
    clock.set('2026-11-16T09:00:00Z');
    const { app } = await buildTestApp(t.database, { clock });
    return { app, clock };
  }

  it('shows the version in force, its Markdown safely rendered, with earlier versions linked', async () => {
    const { app } = await terms();
    const res = await app.inject('/legal/terms');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Terms of Use</h1>');
    expect(res.body).toContain(
      'Version 3 · In effect since <time datetime="2026-11-15T12:00:00.000Z">November 15, 2026</time>',
    );
    // The document's own "# Terms" goes under the page's h1.
    expect(res.body).toContain('<h2>Terms</h2>');
    expect(res.body).toContain('Version 3 text. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('href="javascript:');
    expect(res.body).toContain('<a href="https://example.com/x">good</a>');
    expect(res.body).toContain('<link rel="canonical" href="https://news.example/legal/terms"/>');
    expect(res.body).toContain('<a href="/legal/terms/v/2">Version 2</a>');
    expect(res.body).toContain('<a href="/legal/terms/v/1">Version 1</a>');
    expect(res.body).toContain('until <time datetime="2026-11-08T12:00:00.000Z">');
    expect(res.body.indexOf('/legal/terms/v/2"')).toBeLessThan(res.body.indexOf('/legal/terms/v/1"'));
    // The scheduled version is announced, not listed as earlier and not shown as in force.
    expect(res.body).toContain('A new version takes effect on <time datetime="2026-12-01T00:00:00.000Z">');
    expect(res.body).toContain('<a href="/legal/terms/v/4">read version 4</a>');
    expect(res.body).not.toContain('Version 4 text');
    expect(res.headers['surrogate-key']).toBe(`${CacheKey.site} ${CacheKey.legal}`);
  });

  it('shows an earlier version with a notice that it is not the current one', async () => {
    const { app } = await terms();
    const res = await app.inject('/legal/terms/v/2');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Terms of Use, version 2 - Masthead</title>');
    expect(res.body).toContain('Version 2 text.');
    expect(res.body).toContain('This is not the current version. It was in force');
    expect(res.body).toContain('until <time datetime="2026-11-15T12:00:00.000Z">November 15, 2026</time>');
    expect(res.body).toContain('<a href="/legal/terms">Read the version in force</a>');
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
    expect(res.body).toContain('<link rel="canonical" href="https://news.example/legal/terms/v/2"/>');
    // The list of earlier versions leaves out the one on this page.
    expect(res.body).toContain('<a href="/legal/terms/v/1">Version 1</a>');
    expect(res.body).not.toContain('<a href="/legal/terms/v/2">');
  });

  it('marks a scheduled version as not yet in force, and the current one as in force', async () => {
    const { app } = await terms();
    const scheduled = await app.inject('/legal/terms/v/4');
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.body).toContain('This version has not taken effect yet');
    const current = await app.inject('/legal/terms/v/3');
    expect(current.body).toContain('This is the version in force.');
    expect(current.body).toContain('<link rel="canonical" href="https://news.example/legal/terms"/>');
  });

  it('moves to the next version once its time comes', async () => {
    const { app, clock } = await terms();
    clock.set('2026-12-01T00:00:00Z');
    const res = await app.inject('/legal/terms');
    expect(res.body).toContain('Version 4 text.');
    expect(res.body).toContain('<a href="/legal/terms/v/3">Version 3</a>');
  });

  it('is a 404 page for unknown kinds, versions, malformed numbers and unpublished documents', async () => {
    const { app } = await terms();
    const urls = [
      '/legal/privacy',
      '/legal/cookies',
      '/legal/terms/v/9',
      '/legal/terms/v/0',
      '/legal/terms/v/-1',
      '/legal/terms/v/abc',
      '/legal/terms/v/1.5',
      '/legal/terms/v/99999999999999999999',
      '/legal/privacy/v/1',
    ];
    for (const url of urls) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
    }
    expect((await app.inject('/legal/privacy')).body).toContain(
      'This paper has not published its Privacy Policy yet.',
    );
  });
});

it('moves Markdown headings below the page title and closes gaps in their levels', () => {
  expect(renderMarkdown('# A\n\n### B\n\n###### C')).toBe('<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>\n');
  expect(renderMarkdown('## Only')).toBe('<h2>Only</h2>\n');
  expect(renderMarkdown('<b>raw</b> & text')).toBe('<p>&lt;b&gt;raw&lt;/b&gt; &amp; text</p>\n');
  // A first heading repeating the page title is dropped; the same words later are kept.
  expect(renderMarkdown('#  Terms of  use\n\nText\n\n## Terms of Use', 'Terms of Use')).toBe(
    '<p>Text</p>\n<h2>Terms of Use</h2>\n',
  );
  expect(renderMarkdown('# Terms\n\nText', 'Terms of Use')).toBe('<h2>Terms</h2>\n<p>Text</p>\n');
});
