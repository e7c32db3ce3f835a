import { describe, expect, it } from 'vitest';
import { articleAddress, basePathOf, oembedHref, robotsTxt, tdmHeaders, tdmRepJson } from './crawler.js';

const site = new URL('https://news.example/');

describe('robots.txt', () => {
  const input = {
    publicationName: 'Ledger',
    aiTraining: 'block' as const,
    extra: '',
    basePath: '',
    sitemapUrl: 'https://news.example/sitemap.xml',
  };

  it('groups every AI crawler under one Disallow when blocked, and none when allowed', () => {
    const blocked = robotsTxt(input);
    expect(blocked).toMatch(/User-agent: GPTBot\n(User-agent: [\w-]+\n)+Disallow: \/\n/);
    expect(robotsTxt({ ...input, aiTraining: 'allow' })).not.toMatch(/GPTBot|Google-Extended/);
  });

  it('keeps extra lines as typed, with Windows line ends made plain', () => {
    const text = robotsTxt({ ...input, extra: '  User-agent: X\r\nDisallow: /x  ' });
    expect(text).toContain('User-agent: X\nDisallow: /x\n\nSitemap:');
  });
});

describe('TDMRep', () => {
  it('states the reservation and policy for the whole site, under the base path', () => {
    const tdm = { reserved: true, policyUrl: 'https://news.example/p' };
    expect(tdmRepJson(tdm, '/news')).toEqual([
      { location: '/news/*', 'tdm-reservation': 1, 'tdm-policy': 'https://news.example/p' },
    ]);
    expect(tdmHeaders(tdm)).toEqual({ 'tdm-reservation': '1', 'tdm-policy': 'https://news.example/p' });
    // A policy means nothing when rights are not reserved.
    expect(tdmHeaders({ ...tdm, reserved: false })).toEqual({ 'tdm-reservation': '0' });
  });
});

describe('article addresses for oEmbed', () => {
  it('reads the slug of an article address on this site only', () => {
    expect(articleAddress('https://news.example/2026/11/16/a-b?utm=x#top', site)).toEqual({
      path: '/2026/11/16/a-b',
      slug: 'a-b',
    });
    expect(articleAddress('https://news.example/2026/11/16/a-b/', site)?.slug).toBe('a-b');
    expect(articleAddress('https://NEWS.example/2026/11/16/a-b', site)?.slug).toBe('a-b');
    for (const other of [
      'https://news.example.evil/2026/11/16/a-b',
      'https://news.example:8443/2026/11/16/a-b',
      'https://news.example/2026/11/a-b',
      'https://news.example/26/11/16/a-b',
      'https://news.example/2026/11/16/a/b',
      'https://news.example/2026/11/16/%ZZ',
      '/2026/11/16/a-b',
      '',
    ]) {
      expect(articleAddress(other, site), other).toBeNull();
    }
  });

  it('honours a PUBLIC_URL with a path', () => {
    const prefixed = new URL('https://example.org/news/');
    expect(basePathOf(prefixed)).toBe('/news');
    expect(articleAddress('https://example.org/news/2026/11/16/a-b', prefixed)?.path).toBe('/2026/11/16/a-b');
    expect(articleAddress('https://example.org/2026/11/16/a-b', prefixed)).toBeNull();
    expect(oembedHref(prefixed, 'https://example.org/news/2026/11/16/a-b')).toBe(
      'https://example.org/news/oembed?url=https%3A%2F%2Fexample.org%2Fnews%2F2026%2F11%2F16%2Fa-b&format=json',
    );
  });
});
