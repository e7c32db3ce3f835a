import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../platform/rendering/render.js';
import { defaultSettings, type Settings } from '../settings/index.js';
import { serializeJsonLd } from './json-ld.js';
import { Layout } from './layout.js';
import { SITE_CSS } from './site-styles.js';

const settings: Settings = {
  ...defaultSettings(),
  'publication.name': 'The Morning Ledger',
  'publication.copyright_holder': 'The Morning Ledger Company, LLC',
  'publication.footer_notice': 'May not be reproduced without permission.',
  'publication.timezone': 'Pacific/Auckland',
};
// 11:30 UTC on 31 December 2026 is already 2027 in Auckland: the year follows the paper's time zone.
const now = new Date('2026-12-31T11:30:00.000Z');

describe('Layout', () => {
  it('keeps the old props working: title after the page name, description from settings, footer', () => {
    const html = renderDocument(
      <Layout
        settings={{ ...settings, 'publication.description': 'News of the day.' }}
        title="Page"
        now={now}
      >
        <p>hello</p>
      </Layout>,
    );
    expect(html).toMatch(/^<!doctype html><html lang="en-US"><head><meta charset="utf-8"\/>/);
    expect(html).toContain('<title>Page - The Morning Ledger</title>');
    expect(html).toContain('<meta name="description" content="News of the day."/>');
    expect(html).toContain('<meta name="robots" content="max-image-preview:large"/>');
    expect(html).toContain('<main id="content" class="wrap"><p>hello</p></main>');
    // No head extras unless asked for.
    expect(html).not.toMatch(/rel="canonical"|og:|twitter:|ld\+json|rel="prev"|rel="next"/);
  });

  it('prints the footer from settings with links to the legal pages', () => {
    const html = renderDocument(
      <Layout settings={settings} now={now}>
        x
      </Layout>,
    );
    const footer = html.slice(html.indexOf('<footer'));
    expect(footer).toContain('<p class="footer-name">The Morning Ledger</p>');
    expect(footer).toContain('<p>© 2027 The Morning Ledger Company, LLC. All rights reserved.</p>');
    expect(footer).toContain(
      '<p>Use of this site constitutes acceptance of our <a href="/legal/terms">Terms of Use</a> and <a href="/legal/privacy">Privacy Policy</a>.</p>',
    );
    expect(footer).toContain('<p class="reproduction">May not be reproduced without permission.</p>');
    // Without a holder the publication name is the holder; without a notice there is no empty line.
    const bare = renderDocument(
      <Layout
        settings={{ ...settings, 'publication.copyright_holder': '', 'publication.footer_notice': '' }}
        now={now}
      >
        x
      </Layout>,
    );
    expect(bare).toContain('© 2027 The Morning Ledger. All rights reserved.');
    expect(bare).not.toContain('class="reproduction"');
  });

  it('writes canonical, robots, rel prev/next, Open Graph and a Twitter card from the head props', () => {
    const html = renderDocument(
      <Layout
        settings={settings}
        now={now}
        title="World"
        description="News from abroad."
        canonical="https://news.example/section/world?page=2"
        robots="noindex"
        prevUrl="/section/world"
        nextUrl="/section/world?page=3"
        og={{
          type: 'website',
          title: 'World',
          description: 'News from abroad.',
          url: 'https://news.example/section/world?page=2',
          image: { url: 'https://news.example/media/w.jpg', alt: 'A map', width: 1200, height: 630 },
        }}
      >
        x
      </Layout>,
    );
    for (const tag of [
      '<meta name="robots" content="noindex"/>',
      '<link rel="canonical" href="https://news.example/section/world?page=2"/>',
      '<link rel="prev" href="/section/world"/>',
      '<link rel="next" href="/section/world?page=3"/>',
      '<meta property="og:type" content="website"/>',
      '<meta property="og:site_name" content="The Morning Ledger"/>',
      '<meta property="og:locale" content="en_US"/>',
      '<meta property="og:image" content="https://news.example/media/w.jpg"/>',
      '<meta property="og:image:alt" content="A map"/>',
      '<meta property="og:image:width" content="1200"/>',
      '<meta name="twitter:card" content="summary_large_image"/>',
      '<meta name="twitter:image" content="https://news.example/media/w.jpg"/>',
    ]) {
      expect(html).toContain(tag);
    }
    // article:* properties only belong to articles.
    expect(html).not.toContain('article:');
  });

  it('links every reader to the account pages from the masthead, the same markup for all', () => {
    const html = renderDocument(
      <Layout settings={settings} now={now}>
        x
      </Layout>,
    );
    const masthead = html.slice(html.indexOf('<header class="masthead">'), html.indexOf('</header>'));
    expect(masthead).toContain(
      '<ul class="masthead-links"><li><a href="/search">Search</a></li><li><a href="/account/sign-in">Sign in</a></li><li><a href="/account">Account</a></li></ul>',
    );
    // Before the publication name, where it is seen first on a phone and reached first by keyboard.
    expect(masthead.indexOf('/account')).toBeLessThan(masthead.indexOf('href="/"'));
    // No request for /favicon.ico (a 404 logged in the console on every first visit).
    expect(html).toContain('<link rel="icon" href="data:,"/>');
  });

  it('shows the navigation an editor set under the name, and again in the footer with search and the feed', () => {
    const html = renderDocument(
      <Layout
        settings={{
          ...settings,
          'navigation.primary': 'World | /section/world\nBusiness | /section/business',
          'navigation.footer': 'About <b>"us"</b> | /about',
        }}
        now={now}
      >
        x
      </Layout>,
    );
    const header = html.slice(html.indexOf('<header class="masthead">'), html.indexOf('</header>'));
    expect(header).toContain(
      '<nav class="site-nav" aria-label="Sections"><ul><li><a href="/section/world">World</a></li><li><a href="/section/business">Business</a></li></ul></nav>',
    );
    expect(header.indexOf('class="site-nav"')).toBeGreaterThan(header.indexOf('href="/"'));
    const footer = html.slice(html.indexOf('<footer'));
    // What staff typed is text, never markup.
    expect(footer).toContain('<a href="/about">About &lt;b>&quot;us&quot;&lt;/b></a>');
    expect([...footer.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1])).toEqual([
      '/section/world',
      '/section/business',
      '/about',
      '/search',
      '/feed.xml',
    ]);
    // No navigation set: no empty landmark.
    const bare = renderDocument(
      <Layout settings={settings} now={now}>
        x
      </Layout>,
    );
    expect(bare).not.toContain('class="site-nav"');
  });

  it('appends the rules of one kind of page to the site stylesheet, on that page only', () => {
    const page = (styles?: string) =>
      renderDocument(
        <Layout settings={settings} now={now} styles={styles}>
          x
        </Layout>,
      );
    const css = (html: string) => /<style>(.*?)<\/style>/s.exec(html)?.[1];
    expect(css(page())).toBe(SITE_CSS);
    expect(css(page('.sessions{margin:0}'))).toBe(`${SITE_CSS}.sessions{margin:0}`);
    expect(page('.sessions{margin:0}').match(/<style>/g)).toHaveLength(1);
  });

  it('embeds JSON-LD that cannot end its script early and still parses to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script> & \u2028', n: 1 };
    const html = renderDocument(
      <Layout settings={settings} now={now} jsonLd={data}>
        x
      </Layout>,
    );
    const body = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(body).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(body)).toEqual(data);
    expect(serializeJsonLd([1, '<'])).toBe('[1,"\\u003c"]');
  });

  it('escapes settings typed by staff', () => {
    const html = renderDocument(
      <Layout
        settings={{
          ...settings,
          'publication.name': '<b>Ledger</b>',
          'publication.footer_notice': '<i>x</i>',
        }}
        now={now}
      >
        x
      </Layout>,
    );
    expect(html).not.toMatch(/<b>|<i>/);
    expect(html).toContain('&lt;b>Ledger&lt;/b>');
  });
});
