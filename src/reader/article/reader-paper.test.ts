import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { signedInAs } from '../../../test/support/auth.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { jsonLdOf } from '../../../test/support/wall-fixtures.js';
import { updateSetting } from '../../capabilities/settings/index.js';
import { meterCookieFor } from '../../capabilities/wall/index.js';
import { fixedClock } from '../../platform/clock.js';

const api = '/api/admin/v1';

/** Paragraph n of an article whose last paragraph holds a word found nowhere else. */
const paragraphs = (count: number, unique: string) =>
  Array.from({ length: count }, (_, i) =>
    i === count - 1 ? `The closing paragraph mentions ${unique}.` : `Paragraph number ${i + 1} of the story.`,
  ).join('\n\n');

/**
 * Issue 14, the article side of the reader's paper: the wall's rule and prompt, datelines in the
 * paper's style, share links. Through the real app and its Admin API, on both databases.
 */
describeEachDialect("the reader's paper: article pages", (t) => {
  const clock = fixedClock('2026-12-16T09:00:00.000Z');

  async function paper(free = 3) {
    clock.set('2026-12-16T09:00:00.000Z');
    await updateSetting(t.database.db, clock, 'wall.free_articles_per_month', free);
    await updateSetting(t.database.db, clock, 'publication.timezone', 'Europe/Kyiv');
    const { app, deps } = await buildTestApp(t.database, { clock });
    const editor = (await signedInAs(deps, 'editor')).headers;
    await app.inject({ method: 'POST', url: `${api}/sections`, headers: editor, payload: { name: 'World' } });
    const publish = async (payload: Record<string, unknown>) => {
      const created = await app.inject({
        method: 'POST',
        url: `${api}/articles`,
        headers: editor,
        payload: { section: 'world', ...payload },
      });
      expect(created.statusCode, created.body).toBe(201);
      const done = await app.inject({
        method: 'POST',
        url: `${api}/articles/${created.json().id}/publish`,
        headers: editor,
        payload: { revision: 1 },
      });
      expect(done.statusCode, done.body).toBe(200);
      return `/2026/12/16/${created.json().slug}`;
    };
    /** A browser that has read `count` other metered articles this month, in the paper's month. */
    const pastLimit = (count = free) =>
      meterCookieFor(
        deps.keys,
        clock.now(),
        Array.from({ length: count }, (_, i) => `read-${i}`),
        'Europe/Kyiv',
      );
    return { app, deps, publish, pastLimit };
  }

  const openParagraphs = (html: string) =>
    (
      /<div class="article-body[^"]*">([\s\S]*?)<\/div><section class="wall-prompt"/.exec(html)?.[1] ?? ''
    ).match(/<p>/g)?.length ?? 0;

  it('never shows a short article whole: one paragraph of two, a quarter of twenty; the rest is never sent', async () => {
    const { app, publish, pastLimit } = await paper();
    const brief = await publish({
      headline: 'Ferry Strike Ends',
      bodyMarkdown: paragraphs(2, 'Zanzibarite'),
    });
    const long = await publish({
      headline: 'Port Budget Explained',
      bodyMarkdown: paragraphs(20, 'Quokkafest'),
    });
    const cookie = pastLimit();

    const shortCut = (await app.inject({ url: brief, headers: { cookie } })).body;
    expect(openParagraphs(shortCut)).toBe(1);
    expect(shortCut).toContain('Paragraph number 1 of the story.');
    expect(shortCut).toContain('<div class="article-body is-cut">');
    expect(shortCut).toContain('<p class="wall-continues">The story continues</p>');

    const longCut = (await app.inject({ url: long, headers: { cookie } })).body;
    expect(openParagraphs(longCut)).toBe(5);
    expect(longCut).toContain('Paragraph number 5 of the story.');
    expect(longCut).not.toContain('Paragraph number 6 of the story.');

    // The unique word of each last paragraph: not in the cut page, its JSON-LD, search, feeds or oEmbed.
    for (const [path, page, word] of [
      [brief, shortCut, 'Zanzibarite'],
      [long, longCut, 'Quokkafest'],
    ] as const) {
      expect(page).not.toContain(word);
      expect(JSON.stringify(jsonLdOf(page))).not.toContain(word);
      // Search echoes the query: there, the article must not be found.
      const search = await app.inject({ url: `/search?q=${word}`, headers: { cookie } });
      expect(search.body).not.toContain(`href="${path}"`);
      const outputs = [
        '/feed.xml',
        '/feed.atom',
        '/feed.json',
        `/oembed?url=${encodeURIComponent(`https://news.example${path}`)}&format=json`,
        '/sitemaps/news.xml',
      ];
      for (const url of outputs) {
        const res = await app.inject({ url, headers: { cookie } });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain(word);
      }
      // A reader under the limit gets it whole: the word is in the article, the test can find it.
      expect((await app.inject(path)).body).toContain(word);
    }
  });

  it('says how many free articles were read and when they start again, in the paper’s month', async () => {
    const { app, publish, pastLimit } = await paper(5);
    const path = await publish({ headline: 'Grain Deal Signed', bodyMarkdown: paragraphs(6, 'Wheatley') });
    const cut = (await app.inject({ url: path, headers: { cookie: pastLimit() } })).body;
    expect(cut).toContain(
      '<p class="wall-count">You have read 5 of 5 free articles this month. Your free articles start again on January 1. Create a free account to keep reading.</p>',
    );
    // 22:30 UTC on 31 December is already 1 January in Kyiv: a reader past the limit of the new
    // month is told February, never last month's date; the page is not last month's.
    clock.set('2026-12-31T22:30:00.000Z');
    const january = (await app.inject({ url: path, headers: { cookie: pastLimit() } })).body;
    expect(january).toContain('Your free articles start again on February 1.');
    expect(january).not.toContain('Wheatley');
    // Last month's full cookie is a fresh meter in January: the article is whole.
    expect((await app.inject({ url: path, headers: { cookie: pastLimit(0) } })).body).toContain('Wheatley');
  });

  it('prints datelines in the paper’s style, with the closing dash added or kept, never doubled', async () => {
    const { app, publish } = await paper();
    for (const [i, typed] of [
      'KYIV, Ukraine',
      'KYIV, Ukraine —',
      'KYIV, Ukraine--',
      'KYIV, Ukraine -',
    ].entries()) {
      const path = await publish({
        headline: `Dateline ${i}`,
        dateline: typed,
        access: 'free',
        bodyMarkdown: 'The minister arrived.\n\nMore.',
      });
      const html = (await app.inject(path)).body;
      expect(html, typed).toContain(
        '<p><span class="dateline">KYIV, Ukraine —</span> The minister arrived.</p>',
      );
    }
  });

  it('offers share links by mail and to the networks, and the address to copy, as plain HTML', async () => {
    const { app, publish } = await paper();
    const path = await publish({ headline: 'Bridge & Tunnel Reopen', access: 'free', bodyMarkdown: 'Open.' });
    const html = (await app.inject(path)).body;
    const url = encodeURIComponent(`https://news.example${path}`);
    const headline = encodeURIComponent('Bridge & Tunnel Reopen');
    for (const link of [
      `<a href="mailto:?subject=${headline}&amp;body=${url}" rel="noreferrer">Email</a>`,
      `<a href="https://x.com/intent/post?url=${url}&amp;text=${headline}" rel="noreferrer">X</a>`,
      `<a href="https://www.facebook.com/sharer/sharer.php?u=${url}" rel="noreferrer">Facebook</a>`,
      `<a href="https://www.linkedin.com/sharing/share-offsite/?url=${url}" rel="noreferrer">LinkedIn</a>`,
      `<a href="https://wa.me/?text=${headline}%20${url}" rel="noreferrer">WhatsApp</a>`,
      `<a href="https://bsky.app/intent/compose?text=${headline}%20${url}" rel="noreferrer">Bluesky</a>`,
      `<details class="share-copy"><summary>Copy link</summary><input type="url" value="https://news.example${path}" readonly aria-label="Link to this article"/></details>`,
    ]) {
      expect(html).toContain(link);
    }
    // The hidden Web Share button and its script: the one script the page may run, by its hash.
    expect(html).toContain(
      `<li class="share-native" hidden><button type="button" data-url="https://news.example${path}" data-title="Bridge &amp; Tunnel Reopen">Share…</button></li>`,
    );
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.map(([, attributes]) => attributes)).toEqual([' type="application/ld+json"', '']);
    const hash = createHash('sha256').update(scripts[1]![2]!).digest('base64');
    for (const answer of [await app.inject(path), await app.inject(path)]) {
      // Rendered, then from the page cache: the same policy.
      const policy = String(answer.headers['content-security-policy']);
      expect(policy.match(/script-src [^;]*/)![0]).toBe(`script-src 'sha256-${hash}'`);
    }
    // Every other page still runs nothing.
    for (const other of ['/', '/search?q=bridge']) {
      expect((await app.inject(other)).headers['content-security-policy'], other).toContain(
        "script-src 'none'",
      );
    }
  });
});
