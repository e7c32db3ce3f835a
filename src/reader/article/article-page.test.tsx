import { describe, expect, it } from 'vitest';
import type { ArticleLeadImage } from '../../capabilities/articles/index.js';
import { defaultSettings, type Settings } from '../../capabilities/settings/index.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { ArticlePage } from './article-page.js';
import { latestTime, pickRelated, type ReaderArticle } from './article-reader.js';

// 60% of five blocks: the three not marked walled stay open.
const settings: Settings = {
  ...defaultSettings(),
  'publication.name': 'The Morning Ledger',
  'wall.open_share_percent': 60,
};
const publicUrl = new URL('https://news.example');
const now = new Date('2026-11-16T12:00:00.000Z');
const para = (t: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: t }] });

const article: ReaderArticle = {
  id: 'a1',
  slug: 'alliance-chief-visits',
  headline: 'Alliance Chief Visits Capital',
  dek: 'The visit signals continued support.',
  dateline: 'KYIV, Ukraine —',
  body: { type: 'doc', content: ['one', 'two', 'three', 'four (walled)', 'five (walled)'].map(para) },
  access: 'metered',
  section: { id: 's1', name: 'World', path: 'world' },
  authors: [{ id: 'p1', name: 'Rita Reporter', slug: 'rita-reporter', affiliation: null }],
  bylineSuffix: '',
  seoHeadline: '',
  seoDescription: '',
  leadImageRef: null,
  firstPublishedAt: '2026-11-16T09:00:00.000Z',
  modifiedAt: '2026-11-16T09:00:00.000Z',
  tags: [],
  corrections: [],
  related: [],
};

const leadImage: ArticleLeadImage = {
  sources: {
    avif: '/m/l-800.avif 800w',
    webp: '/m/l-800.webp 800w',
    jpeg: '/m/l-800.jpg 800w',
    sizes: '100vw',
  },
  src: '/m/l-1600.jpg',
  width: 1600,
  height: 900,
  alt: 'The secretary general at a lectern',
  caption: 'The secretary general at headquarters, November 16.',
  credit: 'Agency/Photographer Name',
  copyrightNotice: '© 2026 Agency',
};

const ldOf = (html: string) =>
  JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? 'null');

describe('ArticlePage', () => {
  it('cuts the body on the server when asked and puts the wall prompt after what is shown', () => {
    const html = renderDocument(
      <ArticlePage
        article={article}
        settings={settings}
        now={now}
        publicUrl={publicUrl}
        cut
        wallPrompt={<section class="wall">Sign in or create a free account</section>}
      />,
    );
    expect(html).toContain(
      '<p>three</p></div><section class="wall">Sign in or create a free account</section>',
    );
    expect(html).not.toContain('walled');
    expect(html).not.toContain('article-rest">');
    // The JSON-LD still tells crawlers which part is walled.
    expect(ldOf(html).hasPart.cssSelector).toBe('.article-rest');
    // Without the cut the prompt is never shown, whatever is passed.
    const whole = renderDocument(
      <ArticlePage
        article={article}
        settings={settings}
        now={now}
        publicUrl={publicUrl}
        wallPrompt={<p>prompt</p>}
      />,
    );
    expect(whole).toContain('<div class="article-rest"><p>four (walled)</p><p>five (walled)</p></div>');
    expect(whole).not.toContain('<p>prompt</p>');
    // Both versions describe the same article: metered, with the walled part named (ADR 0010).
    expect(ldOf(whole)).toEqual(ldOf(html));
    expect(ldOf(whole).isAccessibleForFree).toBe(false);
  });

  it('shows a lead image between the dek and the byline, and describes it to crawlers with its credit', () => {
    const html = renderDocument(
      <ArticlePage
        article={article}
        settings={settings}
        now={now}
        publicUrl={publicUrl}
        leadImage={leadImage}
      />,
    );
    const dek = html.indexOf('<p class="dek">');
    const figure = html.indexOf('<figure class="lead-figure"><picture><source type="image/avif"');
    const byline = html.indexOf('<p class="byline">');
    expect(dek).toBeGreaterThan(-1);
    expect(figure).toBeGreaterThan(dek);
    expect(byline).toBeGreaterThan(figure);
    expect(html).toContain('fetchpriority="high" loading="eager"');
    expect(html).toContain('<meta property="og:image" content="https://news.example/m/l-1600.jpg"/>');
    expect(html).toContain('<meta property="og:image:alt" content="The secretary general at a lectern"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(ldOf(html).image).toEqual({
      '@type': 'ImageObject',
      url: 'https://news.example/m/l-1600.jpg',
      contentUrl: 'https://news.example/m/l-1600.jpg',
      width: 1600,
      height: 900,
      caption: 'The secretary general at headquarters, November 16.',
      creditText: 'Agency/Photographer Name',
      copyrightNotice: '© 2026 Agency',
    });
  });

  it('leaves out what an article does not have: section label, dek, byline, tags, corrections, related', () => {
    const page = renderDocument(
      <ArticlePage
        article={{ ...article, section: null, dek: '', authors: [], dateline: '' }}
        settings={settings}
        now={now}
        publicUrl={publicUrl}
      />,
    );
    // The stylesheet names every class; look at the body only.
    const html = page.slice(page.indexOf('<body>'));
    for (const part of [
      'section-label',
      'class="dek"',
      'class="byline"',
      'class="tags"',
      'corrections',
      'related',
      'dateline',
      'lead-figure',
    ]) {
      expect(html).not.toContain(part);
    }
    expect(html).toContain('<h1>Alliance Chief Visits Capital</h1>');
    expect(ldOf(page)).not.toHaveProperty('author');
  });
});

describe('related articles and times', () => {
  const row = (id: string, publishedAt: string) => ({
    id,
    slug: id,
    headline: id,
    first_published_at: '2026-01-01T00:00:00.000Z',
    published_at: publishedAt,
  });

  it('merges candidate lists: once each, never the article itself, newest first, at most the limit', () => {
    const picked = pickRelated(
      [
        row('self', '2026-11-16T00:00:00.000Z'),
        row('b', '2026-11-14T00:00:00.000Z'),
        row('a', '2026-11-15T00:00:00.000Z'),
        row('b', '2026-11-14T00:00:00.000Z'),
        row('c', '2026-11-13T00:00:00.000Z'),
        row('d', '2026-11-15T00:00:00.000Z'),
      ],
      'self',
      3,
    );
    expect(picked.map((r) => r.id)).toEqual(['d', 'a', 'b']);
  });

  it('takes the latest of several times and ignores missing ones', () => {
    expect(
      latestTime(['2026-11-16T09:00:00.000Z', null, '2026-11-17T09:00:00.000Z', '2026-11-15T09:00:00.000Z']),
    ).toBe('2026-11-17T09:00:00.000Z');
  });
});
