import { describe, expect, it } from 'vitest';
import { renderArticleBody } from '../../capabilities/articles/render/index.js';
import {
  type ArticleJsonLdInput,
  articleJsonLd,
  placeFromDateline,
  WALLED_PART_SELECTOR,
} from './article-jsonld.js';

const base: ArticleJsonLdInput = {
  url: 'https://news.example/2026/11/16/alliance-chief-visits',
  headline: 'Alliance Chief Visits Capital',
  description: 'The visit signals continued support.',
  datePublished: '2026-11-16T09:00:00.000Z',
  dateModified: '2026-11-17T10:30:00.000Z',
  section: 'World',
  tags: ['Diplomacy', 'Europe'],
  dateline: 'KYIV, Ukraine —',
  authors: [
    { name: 'Rita Reporter', url: 'https://news.example/by/rita-reporter', affiliation: null },
    { name: 'Gus Guest', url: 'https://news.example/by/gus-guest', affiliation: 'Reuters' },
  ],
  publisher: {
    name: 'The Morning Ledger',
    url: 'https://news.example/',
    logoUrl: 'https://news.example/logo.png',
  },
  access: 'metered',
  freeArticlesPerMonth: 5,
  corrections: [],
};

describe('articleJsonLd', () => {
  it('describes a NewsArticle field by field', () => {
    const ld = articleJsonLd(base);
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe(base.headline);
    expect(ld.description).toBe(base.description);
    expect(ld.url).toBe(base.url);
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': base.url });
    expect(ld.datePublished).toBe('2026-11-16T09:00:00.000Z');
    expect(ld.dateModified).toBe('2026-11-17T10:30:00.000Z');
    expect(ld.articleSection).toBe('World');
    expect(ld.keywords).toEqual(['Diplomacy', 'Europe']);
    expect(ld.locationCreated).toEqual({ '@type': 'Place', name: 'Kyiv, Ukraine' });
    expect(ld.publisher).toEqual({
      '@type': 'NewsMediaOrganization',
      name: 'The Morning Ledger',
      url: 'https://news.example/',
      logo: { '@type': 'ImageObject', url: 'https://news.example/logo.png' },
    });
  });

  it('lists every author as a Person with a url, guests with their affiliation', () => {
    expect(articleJsonLd(base).author).toEqual([
      { '@type': 'Person', name: 'Rita Reporter', url: 'https://news.example/by/rita-reporter' },
      {
        '@type': 'Person',
        name: 'Gus Guest',
        url: 'https://news.example/by/gus-guest',
        affiliation: { '@type': 'Organization', name: 'Reuters' },
      },
    ]);
  });

  it('marks a metered or registration article as not free, with the walled part named by the same selector as the page', () => {
    for (const access of ['metered', 'registration'] as const) {
      const ld = articleJsonLd({ ...base, access });
      expect(ld.isAccessibleForFree).toBe(false);
      expect(ld.hasPart).toEqual({
        '@type': 'WebPageElement',
        isAccessibleForFree: false,
        cssSelector: '.article-rest',
      });
    }
  });

  it('names by hasPart exactly the element the body puts its walled part in', () => {
    const para = (t: string) => ({
      type: 'paragraph' as const,
      content: [{ type: 'text' as const, text: t }],
    });
    const document = { type: 'doc' as const, content: ['1', '2', '3', '4 walled'].map(para) };
    const ctx = { siteOrigin: 'https://news.example' };
    const whole = renderArticleBody({ document, dateline: '', cut: false, openSharePercent: 75, ctx });
    expect(WALLED_PART_SELECTOR).toBe('.article-rest');
    expect(whole).toContain('<div class="article-rest"><p>4 walled</p></div>');
    expect(renderArticleBody({ document, dateline: '', cut: true, openSharePercent: 75, ctx })).not.toContain(
      'article-rest',
    );
  });

  it('marks an always-free article, or any article when the wall is off, as free without hasPart', () => {
    const free = articleJsonLd({ ...base, access: 'free' });
    expect(free.isAccessibleForFree).toBe(true);
    expect(free).not.toHaveProperty('hasPart');
    const wallOff = articleJsonLd({ ...base, access: 'registration', freeArticlesPerMonth: 0 });
    expect(wallOff.isAccessibleForFree).toBe(true);
    expect(wallOff).not.toHaveProperty('hasPart');
  });

  it('carries corrections as dated CorrectionComments', () => {
    const ld = articleJsonLd({
      ...base,
      corrections: [
        {
          kind: 'correction',
          text: 'An earlier version misstated the date.',
          publishedAt: '2026-11-17T08:00:00.000Z',
        },
        { kind: 'clarification', text: 'The meeting was private.', publishedAt: '2026-11-18T08:00:00.000Z' },
      ],
    });
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version misstated the date.',
        datePublished: '2026-11-17T08:00:00.000Z',
      },
      {
        '@type': 'CorrectionComment',
        text: 'Clarification: The meeting was private.',
        datePublished: '2026-11-18T08:00:00.000Z',
      },
    ]);
  });

  it('describes the lead image with its credit and copyright when given, and leaves image out otherwise', () => {
    expect(articleJsonLd(base)).not.toHaveProperty('image');
    const ld = articleJsonLd({
      ...base,
      image: {
        url: 'https://news.example/media/lead.jpg',
        width: 1600,
        height: 900,
        caption: 'The secretary general at headquarters.',
        creditText: 'Agency/Photographer Name',
        copyrightNotice: '© 2026 Agency',
        creator: 'Photographer Name',
      },
    });
    expect(ld.image).toEqual({
      '@type': 'ImageObject',
      url: 'https://news.example/media/lead.jpg',
      contentUrl: 'https://news.example/media/lead.jpg',
      width: 1600,
      height: 900,
      caption: 'The secretary general at headquarters.',
      creditText: 'Agency/Photographer Name',
      copyrightNotice: '© 2026 Agency',
      creator: { '@type': 'Person', name: 'Photographer Name' },
    });
  });

  it('leaves out what is not known: no logo, no section, no tags, no dateline, no description', () => {
    const ld = articleJsonLd({
      ...base,
      publisher: { ...base.publisher, logoUrl: null },
      section: null,
      tags: [],
      dateline: '',
      description: '',
      authors: [],
    });
    expect(ld.publisher).not.toHaveProperty('logo');
    for (const key of [
      'articleSection',
      'keywords',
      'locationCreated',
      'description',
      'correction',
      'author',
    ]) {
      expect(ld).not.toHaveProperty(key);
    }
  });
});

describe('placeFromDateline', () => {
  it.each([
    ['KYIV, Ukraine —', 'Kyiv, Ukraine'],
    ['NEW YORK —', 'New York'],
    ['WASHINGTON, D.C. –', 'Washington, D.C.'],
    ['BEIRUT (AP) —', 'Beirut'],
    ['PORT-AU-PRINCE, Haiti -', 'Port-Au-Prince, Haiti'],
    ['ABU DHABI, UAE —', 'Abu Dhabi, UAE'],
    ['São Paulo, Brazil —', 'São Paulo, Brazil'],
    ['  ', ''],
    ['', ''],
  ])('%j gives %j', (dateline, place) => {
    expect(placeFromDateline(dateline)).toBe(place);
  });
});
