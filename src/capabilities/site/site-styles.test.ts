import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SITE_COLOURS, SITE_CSS } from './site-styles.js';

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('site stylesheet', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [scheme, p] of Object.entries(SITE_COLOURS)) {
    it(`keeps every text colour at WCAG 2.2 AA (4.5:1) on every background in ${scheme} mode`, () => {
      for (const text of ['ink', 'muted', 'link', 'accent'] as const) {
        for (const background of ['paper', 'tint'] as const) {
          expect(contrast(p[text], p[background]), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      // Focus outlines and borders of controls are drawn in the link colour: 3:1 for non-text.
      expect(contrast(p.link, p.paper)).toBeGreaterThanOrEqual(3);
    });
  }

  it('keeps search highlights readable in both modes (fixed colours, not the palette)', () => {
    const [, background, text] =
      /mark\{background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})\}/.exec(SITE_CSS) ?? [];
    expect(background && text).toBeTruthy();
    expect(contrast(text as string, background as string)).toBeGreaterThanOrEqual(4.5);
  });

  it('has dark mode, print styles, a skip link, visible focus, small-caps datelines and card lists', () => {
    for (const rule of [
      '@media (prefers-color-scheme:dark)',
      '@media print',
      '.skip:focus',
      ':focus-visible{outline:3px solid',
      '.dateline{font-variant-caps:all-small-caps',
      '.card-list{',
      '.card h2 a',
      '.pagination{',
      'figcaption{',
      '.credit{',
    ]) {
      expect(SITE_CSS).toContain(rule);
    }
    expect(SITE_CSS).toContain(SITE_COLOURS.dark.paper);
  });

  it('is one line of balanced rules, small enough to inline in every page', () => {
    expect(SITE_CSS).not.toContain('\n');
    expect(SITE_CSS.split('{').length).toBe(SITE_CSS.split('}').length);
    expect(gzipSync(SITE_CSS).length).toBeLessThan(3 * 1024);
  });
});
