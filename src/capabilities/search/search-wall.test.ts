import { describe, expect, it } from 'vitest';
import * as searchOpenText from '../../../migrations/0023-search-open-text.js';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import { jsonLdOf, publishArticles } from '../../../test/support/wall-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { publicBodyText } from '../articles/document/index.js';
import { createWebhook } from '../webhooks/index.js';

/**
 * Issue 12, F1: text past the registration wall leaves the server in no public output. The wall
 * fixtures' bodies hold "walled" only past the cut and "one" only in the open part's last block.
 */
const WALLED_WORD = 'walled';
const OPEN_WORD = 'one';

describeEachDialect('the wall in search and every public output', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');

  async function paper() {
    const admin = { ...TEST_EDITOR, role: 'admin' as const };
    await createWebhook(
      t.database.db,
      clock,
      admin,
      { url: 'http://127.0.0.1:9/hook', events: ['article.published', 'article.updated'] },
      { allowPrivate: true },
    );
    const [metered, registration, free] = await publishArticles(t.database.db, clock, [
      'metered',
      'registration',
      'free',
    ]);
    const { app } = await buildTestApp(t.database, { clock });
    return { app, metered: metered!, registration: registration!, free: free! };
  }

  it('never finds a metered or registration-only article by a word past the wall', async () => {
    const { app, free } = await paper();
    const res = await app.inject(`/search?q=${WALLED_WORD}`);
    expect(res.statusCode).toBe(200);
    // Only the always-free article, whose whole body every reader may read, matches.
    expect(res.body).toContain('1 article for');
    expect(res.body).toContain(`href="${free.path}"`);
    expect(res.body).toContain('Story 2, free');
    expect(res.body).not.toContain('Story 0, metered');
    expect(res.body).not.toContain('Story 1, registration');
  });

  it('finds them by a word of the open part, with a snippet holding no walled text', async () => {
    const { app, metered, registration } = await paper();
    const res = await app.inject(`/search?q=${OPEN_WORD}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('3 articles for');
    expect(res.body).toContain(`href="${metered.path}"`);
    expect(res.body).toContain(`href="${registration.path}"`);
    const snippets = [...res.body.matchAll(/<p class="snippet">(.*?)<\/p>/gs)].map((m) => m[1]);
    expect(snippets).toHaveLength(3);
    // The free article's snippet may run into its (public) later paragraphs; the others end at the cut.
    const walled = snippets.filter((s) => s!.toLowerCase().includes(WALLED_WORD));
    expect(walled).toHaveLength(1);
    expect(res.body.match(/Walled paragraph of story [01]/)).toBeNull();
  });

  it('keeps walled text out of feeds, oEmbed, JSON-LD, sitemaps and webhook payloads', async () => {
    const { app, metered, registration } = await paper();
    const outputs: Record<string, string> = {};
    for (const url of ['/feed.xml', '/feed.atom', '/feed.json', '/sitemap.xml', '/sitemaps/news.xml']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      outputs[url] = res.body;
    }
    const month = await app.inject('/sitemaps/articles-2026-11.xml');
    expect(month.statusCode).toBe(200);
    outputs.sitemap = month.body;
    for (const article of [metered, registration]) {
      const url = `https://news.example${article.path}`;
      const oembed = await app.inject(`/oembed?url=${encodeURIComponent(url)}&format=json`);
      expect(oembed.statusCode).toBe(200);
      outputs[`oembed ${article.path}`] = oembed.body;
      const page = await app.inject(article.path);
      expect(page.statusCode).toBe(200);
      outputs[`json-ld ${article.path}`] = JSON.stringify(jsonLdOf(page.body));
    }
    const deliveries = await t.database.db.selectFrom('webhook_deliveries').select('payload').execute();
    expect(deliveries.length).toBeGreaterThan(0);
    outputs.webhooks = deliveries.map((d) => d.payload).join('\n');
    for (const [where, text] of Object.entries(outputs)) {
      expect(
        text.match(/Walled paragraph of story [01]|last walled paragraph of story [01]/),
        where,
      ).toBeNull();
    }
    // The free article's full text does go out in the feeds: the check above can find text there.
    expect(outputs['/feed.xml']).toContain('Walled paragraph of story 2');
  });

  it('reindexes articles saved before the index held only the open part (migration 0023)', async () => {
    const { app } = await paper();
    const { db } = t.database;
    // Back to the schema as it was (no public_text, the whole body indexed), then forward again:
    // the migration must fill the column from each article's body and reindex.
    await searchOpenText.down(db);
    await searchOpenText.up(db);
    const res = await app.inject(`/search?q=${WALLED_WORD}&page=1`);
    expect(res.body).toContain('1 article for');
    const rows = await db.selectFrom('articles').select(['body', 'access', 'public_text']).execute();
    for (const row of rows) {
      expect(row.public_text).toBe(publicBodyText(JSON.parse(row.body), row.access as 'metered'));
    }
  });
});

describe('publicBodyText', () => {
  it('is the whole text of a free article and the open blocks of the others', () => {
    const paragraph = (text: string) => ({
      type: 'paragraph' as const,
      content: [{ type: 'text' as const, text }],
    });
    const body = { type: 'doc' as const, content: ['a', 'b', 'c', 'd'].map(paragraph) };
    expect(publicBodyText(body, 'free')).toBe('a\n\nb\n\nc\n\nd');
    // The open part under the smallest share the setting allows: one block of four.
    expect(publicBodyText(body, 'metered')).toBe('a');
    expect(publicBodyText(body, 'registration')).toBe('a');
  });
});
