import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../settings/index.js';
import type { ArticleDocument, TopBlockNode } from '../document/index.js';
import { checkDocument, OPEN_SHARE_PERCENT, openBlockCount } from '../document/index.js';
import { renderArticleBody } from './article-body.js';
import { LeadFigure } from './lead-figure.js';
import type { RenderContext } from './render-context.js';

const ctx: RenderContext = { siteOrigin: 'https://news.example' };
const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

/** Bodies go through the real document check first, as they do when an editor saves them. */
function doc(...content: unknown[]): ArticleDocument {
  const check = checkDocument({ type: 'doc', content });
  if (!check.ok) throw new Error(`${check.path}: ${check.message}`);
  return check.document;
}

const body = (
  document: ArticleDocument,
  options: Partial<{ dateline: string; cut: boolean; share: number }> = {},
) =>
  renderArticleBody({
    document,
    dateline: options.dateline ?? '',
    cut: options.cut ?? false,
    openSharePercent: options.share ?? 25,
    ctx,
  });

describe('article body', () => {
  it('renders every node type of the document', () => {
    const html = body(
      doc(
        para(
          text('Plain '),
          text('bold', [{ type: 'bold' }]),
          text(' and '),
          text('italic', [{ type: 'italic' }]),
        ),
        { type: 'heading', attrs: { level: 3 }, content: [text('A subhead')] },
        { type: 'blockquote', content: [para(text('Quoted words.'))] },
        { type: 'pullQuote', attrs: { attribution: 'The minister' }, content: [para(text('We will stay.'))] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }] },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            {
              type: 'listItem',
              content: [
                para(text('three')),
                { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('nested'))] }] },
              ],
            },
          ],
        },
        para(text('line one'), { type: 'hardBreak' }, text('line two')),
        { type: 'horizontalRule' },
        {
          type: 'image',
          attrs: {
            src: 'https://cdn.example/photo.jpg',
            alt: 'Crowd at the square',
            caption: 'The square at noon.',
            credit: 'Agency/Name',
          },
        },
        {
          type: 'embed',
          attrs: { url: 'https://www.youtube.com/watch?v=abc', provider: 'YouTube', caption: 'The speech.' },
        },
      ),
    );
    expect(html).toContain('<p>Plain <strong>bold</strong> and <em>italic</em></p>');
    expect(html).toContain('<h3>A subhead</h3>');
    expect(html).toContain('<blockquote><p>Quoted words.</p></blockquote>');
    expect(html).toContain(
      '<figure class="pull-quote"><blockquote><p>We will stay.</p></blockquote><figcaption>— The minister</figcaption></figure>',
    );
    expect(html).toContain('<ul><li><p>one</p></li></ul>');
    expect(html).toContain('<ol start="3"><li><p>three</p><ul><li><p>nested</p></li></ul></li></ol>');
    expect(html).toContain('<p>line one<br/>line two</p>');
    expect(html).toContain('<hr/>');
    expect(html).toContain(
      '<figure class="body-figure"><img src="https://cdn.example/photo.jpg" alt="Crowd at the square" loading="lazy" decoding="async"/>' +
        '<figcaption><span class="caption">The square at noon.</span> <span class="credit">Agency/Name</span></figcaption></figure>',
    );
    expect(html).toContain(
      '<figure class="embed"><a class="embed-card" href="https://www.youtube.com/watch?v=abc" rel="noopener">' +
        '<span class="embed-provider">YouTube</span><span class="embed-url">www.youtube.com/watch</span></a>' +
        '<figcaption>The speech.</figcaption></figure>',
    );
    // No third-party script or frame for an embed.
    expect(html).not.toMatch(/<script|<iframe/);
  });

  it('uses the media library size and variants when the resolver knows the image', () => {
    const html = renderArticleBody({
      document: doc({ type: 'image', attrs: { mediaId: 'm1', alt: 'A map', caption: '', credit: '' } }),
      dateline: '',
      cut: false,
      openSharePercent: 25,
      ctx: {
        ...ctx,
        resolveImage: (attrs) =>
          attrs.mediaId === 'm1'
            ? { src: '/media/m1.jpg', width: 1200, height: 800, srcset: '/media/m1-600.jpg 600w' }
            : null,
      },
    });
    expect(html).toContain(
      '<img src="/media/m1.jpg" srcset="/media/m1-600.jpg 600w" sizes="100vw" width="1200" height="800" alt="A map" loading="lazy" decoding="async"/>',
    );
    // Neither caption nor credit: no empty figcaption.
    expect(html).not.toContain('<figcaption>');
  });

  it('links: rel=noopener for other sites only, titles kept, one <a> for runs under the same link', () => {
    const link = (href: string, title: string | null = null) => ({ type: 'link', attrs: { href, title } });
    const html = body(
      doc(
        para(
          text('read '),
          text('the ', [link('https://other.example/report')]),
          text('full', [link('https://other.example/report'), { type: 'bold' }]),
          text(' report', [link('https://other.example/report')]),
          text(', '),
          text('our page', [link('/section/world', 'World news')]),
          text(', '),
          text('same site', [link('https://news.example/tag/europe')]),
          text(', '),
          text('mail', [link('mailto:desk@news.example')]),
        ),
      ),
    );
    expect(html).toContain(
      '<a href="https://other.example/report" rel="noopener">the <strong>full</strong> report</a>',
    );
    expect(html).toContain('<a href="/section/world" title="World news">our page</a>');
    expect(html).toContain('<a href="https://news.example/tag/europe">same site</a>');
    expect(html).toContain('<a href="mailto:desk@news.example">mail</a>');
  });

  it('never emits a javascript:, data: or protocol-relative address, even if one reached the database', () => {
    // Built by hand, past checkDocument, as a body written before a rule existed might be.
    const unchecked = {
      type: 'doc',
      content: [
        para(
          text('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)', title: null } }]),
          text(' or ', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(2)', title: null } }]),
          text('here', [{ type: 'link', attrs: { href: '//evil.example/x', title: null } }]),
        ),
        {
          type: 'image',
          attrs: {
            mediaId: null,
            src: 'data:image/svg+xml,<svg onload=alert(3)>',
            alt: 'x',
            caption: 'c',
            credit: '',
          },
        },
        { type: 'embed', attrs: { url: 'javascript:alert(4)', provider: null, caption: null } },
        { type: 'script', content: [text('alert(5)')] },
      ],
    } as unknown as ArticleDocument;
    const html = body(unchecked);
    // The words stay; the links, the image, the embed and the unknown node do not.
    expect(html).toContain('<p>click or here</p>');
    expect(html).not.toMatch(/javascript|data:|evil|alert|<a |<img|<figure/i);
  });

  it('escapes text typed into the body', () => {
    const html = body(doc(para(text('<script>alert(1)</script> & "quotes"'))));
    expect(html).toContain('&lt;script>alert(1)&lt;/script> &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<script>');
  });

  it('prints the dateline in its own element at the start of the first paragraph', () => {
    const html = body(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Sub')] },
        para(text('The minister arrived.')),
        para(text('More.')),
      ),
      { dateline: 'KYIV, Ukraine —', share: 90 },
    );
    expect(html).toContain(
      '<h2>Sub</h2><p><span class="dateline">KYIV, Ukraine —</span> The minister arrived.</p>',
    );
    expect(html.match(/class="dateline"/g)).toHaveLength(1);
    // A first paragraph past the cut: the dateline opens the body on its own, in both versions, once.
    const walledFirst = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Sub')] },
      para(text('Walled.')),
    );
    for (const cut of [true, false]) {
      const html = body(walledFirst, { dateline: 'KYIV, Ukraine', cut });
      expect(html).toMatch(
        /^<div class="article-body[^"]*"><p><span class="dateline">KYIV, Ukraine —<\/span> <\/p><h2>/,
      );
      expect(html.match(/class="dateline"/g)).toHaveLength(1);
    }
    // A body without any paragraph still shows it, first.
    const noParagraph = body(doc({ type: 'horizontalRule' }), { dateline: 'ROME —' });
    expect(noParagraph).toBe(
      '<div class="article-body"><p><span class="dateline">ROME —</span> </p><div class="article-rest"><hr/></div></div>',
    );
  });

  it("prints a dateline in the paper's style: its closing dash added when missing, never doubled", () => {
    const first = (dateline: string) =>
      /<span class="dateline">(.*?)<\/span>/.exec(body(doc(para(text('Words.'))), { dateline }))?.[1];
    for (const typed of [
      'PORT ELLIS',
      'PORT ELLIS —',
      'PORT ELLIS—',
      'PORT ELLIS –',
      'PORT ELLIS -',
      'PORT ELLIS --',
      '  PORT ELLIS--  ',
    ]) {
      expect(first(typed), typed).toBe('PORT ELLIS —');
    }
    expect(first('KYIV, Ukraine')).toBe('KYIV, Ukraine —');
    expect(first('—')).toBeUndefined();
  });

  it('keeps a share of the blocks open, at least one and never all; cut leaves the rest out', () => {
    const blocks = (n: number) =>
      Array.from({ length: n }, (_, i) => para(text(`word${i + 1}`)) as TopBlockNode);
    const five: ArticleDocument = { type: 'doc', content: blocks(5) };
    expect(body(five, { share: 40 })).toBe(
      '<div class="article-body"><p>word1</p><p>word2</p><div class="article-rest"><p>word3</p><p>word4</p><p>word5</p></div></div>',
    );
    const cut = body(five, { cut: true, share: 40 });
    expect(cut).toBe('<div class="article-body is-cut"><p>word1</p><p>word2</p></div>');
    expect(cut).not.toContain('word3');
    const open = (n: number, share = 25) =>
      (body({ type: 'doc', content: blocks(n) }, { cut: true, share }).match(/<p>/g) ?? []).length;
    // A brief is never shown whole: one of two, one of three; a long article keeps a quarter.
    expect([open(2), open(3), open(4), open(8), open(20)]).toEqual([1, 1, 1, 2, 5]);
    expect([open(2, 90), open(20, 90), open(20, 10)]).toEqual([1, 18, 2]);
    // A single block is never whole either: the prompt alone follows the headline.
    expect(body({ type: 'doc', content: blocks(1) }, { cut: true })).toBe(
      '<div class="article-body is-cut"></div>',
    );
  });

  it('opens no less under any share than what search and feeds quote (the smallest share)', () => {
    for (let n = 0; n <= 40; n++) {
      for (let share = OPEN_SHARE_PERCENT.min; share <= OPEN_SHARE_PERCENT.max; share++) {
        expect(openBlockCount(n, share)).toBeGreaterThanOrEqual(openBlockCount(n, OPEN_SHARE_PERCENT.min));
        expect(openBlockCount(n, share)).toBeLessThan(Math.max(n, 1));
      }
    }
    const setting = SETTINGS['wall.open_share_percent'];
    expect([setting.min, setting.max, setting.default]).toEqual([
      OPEN_SHARE_PERCENT.min,
      OPEN_SHARE_PERCENT.max,
      OPEN_SHARE_PERCENT.default,
    ]);
  });
});

describe('LeadFigure', () => {
  it('renders a picture with AVIF, WebP and JPEG variants, size, alt, eager high priority, caption and credit apart', () => {
    const html = renderToString(
      <LeadFigure
        sources={{
          avif: '/m/a-800.avif 800w, /m/a-1600.avif 1600w',
          webp: '/m/a-800.webp 800w',
          jpeg: '/m/a-800.jpg 800w',
          sizes: '(min-width: 44rem) 42rem, 100vw',
        }}
        src="/m/a-1600.jpg"
        width={1600}
        height={900}
        alt="The secretary general at a lectern"
        caption="The secretary general at headquarters, November 16."
        credit="Agency/Photographer Name"
      />,
    );
    expect(html).toBe(
      '<figure class="lead-figure"><picture>' +
        '<source type="image/avif" srcset="/m/a-800.avif 800w, /m/a-1600.avif 1600w" sizes="(min-width: 44rem) 42rem, 100vw"/>' +
        '<source type="image/webp" srcset="/m/a-800.webp 800w" sizes="(min-width: 44rem) 42rem, 100vw"/>' +
        '<img src="/m/a-1600.jpg" srcset="/m/a-800.jpg 800w" sizes="(min-width: 44rem) 42rem, 100vw" width="1600" height="900" ' +
        'alt="The secretary general at a lectern" fetchpriority="high" loading="eager"/></picture>' +
        '<figcaption><span class="caption">The secretary general at headquarters, November 16.</span> ' +
        '<span class="credit">Agency/Photographer Name</span></figcaption></figure>',
    );
  });

  it('works without variants (an empty alt marks a decorative photo; HTML reads a bare alt as empty)', () => {
    const html = renderToString(
      <LeadFigure sources={null} src="/m/a.jpg" width={800} height={600} alt="" caption="" credit="Staff" />,
    );
    expect(html).toBe(
      '<figure class="lead-figure"><picture><img src="/m/a.jpg" width="800" height="600" alt fetchpriority="high" loading="eager"/></picture>' +
        '<figcaption><span class="credit">Staff</span></figcaption></figure>',
    );
  });
});
