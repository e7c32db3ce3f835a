import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { beforeEach, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { SHARE_SCRIPT } from '../../src/reader/article/share-button.js';
import { buildWorker } from '../../src/worker.js';
import { lastMailTo, publishLegal, TestBrowser, type TestClock } from '../support/account-test-kit.js';
import { buildTestApp } from '../support/app.js';
import { signedInAs } from '../support/auth.js';
import { describeEachDialect } from '../support/databases.js';

/**
 * Hostile text typed into every field staff can edit, then every page, feed, sitemap, oEmbed answer
 * and JSON-LD block the reader site serves, found by crawling it as a reader would (links, feed
 * links, sitemap entries). Markup may appear only as text: never a live element or attribute, never
 * a way out of a `<script type="application/ld+json">` block, never a `javascript:` link.
 */

const api = '/api/admin/v1';
const quiet = { info() {}, warn() {}, error() {} };

/** One string that tries every way out (attribute, element, script block, comment), short enough for a section's name. */
const HOSTILE = `Hx"'><img src=x onerror=a()></script><script>a()</script><!--`;

/** What would be live if HOSTILE reached a page unescaped. */
const LIVE = [/<img src=x onerror/i, /<script>a\(\)/i, /<script>alert/i];

/**
 * Where a format carries HTML, whose decoded text must hold no live markup: RSS descriptions and
 * content:encoded, Atom elements typed html or xhtml (Atom's default type is text), JSON Feed's
 * content_html, oEmbed's html. Elsewhere (titles, JSON Feed summaries) markup is plain text by spec.
 */
function htmlValues(node: unknown, key: string, format: 'rss' | 'atom' | 'json', out: string[]): void {
  if (typeof node === 'string') {
    const html =
      (format === 'rss' && (key === 'description' || key === 'content:encoded')) ||
      (format === 'json' && (key === 'content_html' || key === 'html'));
    if (html) out.push(node);
  } else if (Array.isArray(node)) {
    for (const item of node) htmlValues(item, key, format, out);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    const type = record['@_type'];
    if (format === 'atom' && (type === 'html' || type === 'xhtml') && typeof record['#text'] === 'string') {
      out.push(record['#text']);
      return;
    }
    for (const [k, v] of Object.entries(record)) htmlValues(v, k === '#text' ? key : k, format, out);
  }
}

describeEachDialect('hostile staff text in every reader output', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let owner: Record<string, string>;

  beforeEach(async () => {
    ({ app, deps } = await buildTestApp(t.database));
    owner = (await signedInAs(deps, 'owner')).headers;
  });

  const call = async (method: string, url: string, payload?: unknown, headers = owner) => {
    const res = await app.inject({
      method: method as 'GET',
      url: `${api}${url}`,
      headers,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  /** Fills every staff-editable field with HOSTILE and publishes an article that shows them all. */
  async function publishHostileEdition(): Promise<string> {
    await call('PATCH', '/settings', {
      'publication.name': HOSTILE,
      'publication.description': HOSTILE,
      'publication.copyright_holder': HOSTILE,
      'publication.footer_notice': HOSTILE,
    });
    const section = await call('POST', '/sections', { name: HOSTILE, slug: 'hostile', description: HOSTILE });
    const author = await call('POST', '/authors', {
      name: HOSTILE,
      slug: 'hostile-author',
      bio: HOSTILE,
      affiliation: HOSTILE,
    });
    const image = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const upload = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...owner, 'content-type': 'image/jpeg' },
      payload: image,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const mediaId = upload.json().id;
    await call('PATCH', `/media/${mediaId}`, {
      caption: HOSTILE,
      credit: HOSTILE,
      altText: HOSTILE,
      creator: HOSTILE,
    });
    await buildWorker(deps, quiet).runDue();

    const article = await call('POST', '/articles', {
      headline: HOSTILE,
      dek: HOSTILE,
      dateline: HOSTILE,
      section: section.id,
      tags: [HOSTILE],
      authorIds: [author.id],
      bylineSuffix: HOSTILE,
      seoHeadline: HOSTILE,
      seoDescription: HOSTILE,
      access: 'free',
      bodyMarkdown: [
        `A harbour paragraph ${HOSTILE}`,
        `## ${HOSTILE}`,
        `> ${HOSTILE}`,
        '<script>alert(4)</script> <img src=x onerror=alert(5)>',
        '[a link](javascript:alert(6)) and [another](JAVASCRIPT:alert(7))',
        `- ${HOSTILE}`,
      ].join('\n\n'),
      leadImage: { mediaId, caption: HOSTILE, credit: HOSTILE, alt: HOSTILE },
    });
    await call('POST', `/articles/${article.id}/publish`, { revision: article.revision });
    await call('POST', `/articles/${article.id}/corrections`, { kind: 'correction', text: HOSTILE });
    await call('POST', '/legal/terms/versions', {
      title: HOSTILE,
      body: `${HOSTILE}\n\n<script>alert(8)</script>`,
      summaryOfChanges: HOSTILE,
      requiresAcceptance: false,
    });
    await deps.purges.sync();
    return article.id;
  }

  /** Every same-site address a reader can reach from the front page, its feeds and its sitemaps. */
  async function crawl(): Promise<Map<string, { type: string; body: string }>> {
    const seen = new Map<string, { type: string; body: string }>();
    const feeds = ['/feed', '/section/hostile/feed', '/by/hostile-author/feed', '/corrections/feed'].flatMap(
      (f) => ['xml', 'atom', 'json'].map((format) => `${f}.${format}`),
    );
    const queue = ['/', '/robots.txt', '/sitemap.xml', '/legal/terms', '/search?q=harbour', ...feeds];
    while (queue.length > 0 && seen.size < 250) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      const res = await app.inject({ method: 'GET', url });
      const type = String(res.headers['content-type'] ?? '');
      seen.set(url, { type, body: res.body });
      expect(res.statusCode, `GET ${url}`).toBeLessThan(500);
      if (!/html|xml|json/.test(type)) continue;
      const found = [
        ...res.body.matchAll(/(?:href|src)="([^"]+)"/g),
        ...res.body.matchAll(/<loc>([^<]+)<\/loc>/g),
        ...res.body.matchAll(/"(?:url|feed_url|home_page_url)":"([^"]+)"/g),
      ].map((m) => m[1]!.replaceAll('&amp;', '&'));
      for (const raw of found) {
        const u = new URL(raw, 'https://news.example');
        if (
          u.host !== 'news.example' ||
          u.pathname.startsWith('/media/') ||
          u.pathname.startsWith('/account')
        )
          continue;
        const next = `${u.pathname}${u.search}`;
        if (!seen.has(next) && !queue.includes(next)) queue.push(next);
      }
    }
    return seen;
  }

  it('never reaches a reader as live markup, a script break-out or a javascript: link', async () => {
    const articleId = await publishHostileEdition();
    const pages = await crawl();
    const article = [...pages.keys()].find((u) => /^\/\d{4}\/\d{2}\/\d{2}\//.test(u));
    expect(article, 'the crawl reached the article').toBeTruthy();
    const oembed = await app.inject({
      method: 'GET',
      url: `/oembed?url=${encodeURIComponent(`https://news.example${article}`)}`,
    });
    pages.set('/oembed', { type: String(oembed.headers['content-type']), body: oembed.body });

    // The crawl must have met the hostile text everywhere it is shown, or it proves nothing.
    const reached = [...pages.entries()].filter(([, p]) => p.body.includes('Hx'));
    expect(reached.length, 'pages showing the hostile text').toBeGreaterThanOrEqual(8);
    for (const kind of ['html', 'xml', 'json']) {
      expect(
        reached.some(([, p]) => p.type.includes(kind)),
        `some ${kind} output shows it`,
      ).toBe(true);
    }

    const problems: string[] = [];
    for (const [url, { type, body }] of pages) {
      if (type.includes('html')) {
        for (const live of LIVE) if (live.test(body)) problems.push(`${url}: live ${live}`);
        if (/(?:href|src|action)\s*=\s*["']?\s*javascript:/i.test(body))
          problems.push(`${url}: javascript: link`);
        for (const m of body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
          try {
            JSON.parse(m[1]!);
          } catch {
            problems.push(`${url}: JSON-LD broken out of`);
          }
          if (/<!--|<script/i.test(m[1]!)) problems.push(`${url}: JSON-LD holds <!-- or <script`);
        }
        // Beside JSON-LD, the one script a page may carry is the Web Share button's, exactly as written.
        for (const [, tag, content] of body.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
          if (tag!.includes('application/ld+json')) continue;
          if (tag !== '<script>' || content !== SHARE_SCRIPT) problems.push(`${url}: script ${tag}`);
        }
      } else if (type.includes('xml')) {
        if (XMLValidator.validate(body) !== true) problems.push(`${url}: not well-formed XML`);
        const html: string[] = [];
        const format = /<feed[\s>]/.test(body) ? 'atom' : 'rss';
        const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true }).parse(body);
        htmlValues(parsed, '', format, html);
        for (const value of html)
          for (const live of LIVE)
            if (live.test(value)) problems.push(`${url}: ${format} HTML carries ${live}`);
      } else if (type.includes('json')) {
        const html: string[] = [];
        htmlValues(JSON.parse(body), '', 'json', html);
        for (const value of html)
          for (const live of LIVE) if (live.test(value)) problems.push(`${url}: JSON HTML carries ${live}`);
      }
    }
    expect(problems).toEqual([]);
    expect(articleId).toBeTruthy();
  });

  it("never reaches a reader's mail as live markup or a broken header", async () => {
    await publishLegal(deps);
    await publishHostileEdition();
    const browser = new TestBrowser(app, deps.clock as TestClock);
    const email = 'hostile-reader@example.com';
    const sent = await browser.submit('/account/sign-up', '/account/sign-up', { email });
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(200);
    const mail = await lastMailTo(deps, email);
    // The publication's name is in the From name, the subject and the body: as text only.
    expect(mail.html || '', 'the mail has an HTML part').toContain('Hx');
    for (const live of LIVE) expect(mail.html || '').not.toMatch(live);
    expect(mail.subject ?? '').not.toMatch(/[\r\n]/);
    expect(mail.from?.text ?? '').not.toMatch(/[\r\n]/);
    expect(mail.text ?? '').toContain('Hx');
  });
});
