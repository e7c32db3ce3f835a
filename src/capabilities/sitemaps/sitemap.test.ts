import { describe, expect, it } from 'vitest';
import { checkDocument } from '../articles/document/index.js';
import { articleImages, monthRange, newsLanguage, parseArticlesFile, sitemapPaths } from './sitemap.js';

describe('article sitemap names', () => {
  it('reads each month and page in its one spelling', () => {
    expect(parseArticlesFile('articles-2026-11.xml')).toEqual({ month: '2026-11', page: 1 });
    expect(parseArticlesFile('articles-2026-11-2.xml')).toEqual({ month: '2026-11', page: 2 });
    expect(parseArticlesFile('articles-2026-11-15.xml')).toEqual({ month: '2026-11', page: 15 });
    for (const name of [
      'articles-2026-11-1.xml',
      'articles-2026-11-02.xml',
      'articles-2026-00.xml',
      'articles-2026-1.xml',
      'articles-2026-11',
    ]) {
      expect(parseArticlesFile(name), name).toBeNull();
    }
    expect(sitemapPaths.articles('2026-11')).toBe('/sitemaps/articles-2026-11.xml');
    expect(sitemapPaths.articles('2026-11', 3)).toBe('/sitemaps/articles-2026-11-3.xml');
  });

  it('turns a month into a range of stored times, December into January', () => {
    expect(monthRange('2026-12')).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
  });
});

describe('news language', () => {
  it('is the ISO 639 code, with the two Chinese exceptions', () => {
    expect(newsLanguage('en-US')).toBe('en');
    expect(newsLanguage('fr')).toBe('fr');
    expect(newsLanguage('zh-TW')).toBe('zh-tw');
    expect(newsLanguage('zh-Hant-HK')).toBe('zh-tw');
    expect(newsLanguage('zh-CN')).toBe('zh-cn');
  });
});

describe('article images', () => {
  it('lists the body images that have an address, made absolute, once each', () => {
    const check = checkDocument({
      type: 'doc',
      content: [
        { type: 'image', attrs: { src: '/media/a.jpg', alt: '' } },
        { type: 'image', attrs: { src: '/media/a.jpg', alt: 'again' } },
        { type: 'image', attrs: { mediaId: 'm1', alt: '' } },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'q' }] }] },
        { type: 'image', attrs: { src: 'https://img.example/b.png', alt: '' } },
      ],
    });
    if (!check.ok) throw new Error(check.message);
    expect(articleImages(check.document, new URL('https://news.example/'))).toEqual([
      'https://news.example/media/a.jpg',
      'https://img.example/b.png',
    ]);
    expect(articleImages(null, new URL('https://news.example/'))).toEqual([]);
  });
});
