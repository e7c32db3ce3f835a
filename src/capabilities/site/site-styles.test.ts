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
      // Error text sits on the page and in tinted blocks (the wall prompt, notices).
      for (const text of ['ink', 'muted', 'link', 'accent', 'error'] as const) {
        for (const background of ['paper', 'tint'] as const) {
          expect(contrast(p[text], p[background]), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      // Buttons: page-coloured text on the link colour (.button) and on the error colour (.button-danger).
      for (const fill of ['link', 'error'] as const) {
        expect(contrast(p.paper, p[fill]), `paper on ${fill}`).toBeGreaterThanOrEqual(4.5);
      }
      // Non-text at 3:1: focus outlines (link), input borders (muted), invalid-input borders (error).
      for (const edge of ['link', 'muted', 'error'] as const) {
        for (const background of ['paper', 'tint'] as const) {
          expect(contrast(p[edge], p[background]), `${edge} edge on ${background}`).toBeGreaterThanOrEqual(3);
        }
      }
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
      '.masthead-links{',
    ]) {
      expect(SITE_CSS).toContain(rule);
    }
    expect(SITE_CSS).toContain(SITE_COLOURS.dark.paper);
  });

  it('styles reader forms: labels above inputs, large targets, error text and summary, buttons, notices', () => {
    for (const rule of [
      '.field label,legend{display:block',
      'min-height:2.75rem',
      '.field [aria-invalid=true]{border-color:var(--error)',
      '.field-error{color:var(--error)',
      '.form-error{border:3px solid var(--error)',
      '.form-error:focus{outline:3px solid',
      '.hint{',
      '.choice input{width:1.5rem;height:1.5rem',
      '.button{',
      '.button-secondary{',
      '.button-danger{background:var(--error)',
      '.notice{',
      '.visually-hidden{',
    ]) {
      expect(SITE_CSS).toContain(rule);
    }
    // Every control is at least 44 px tall (2.75rem at the default 16 px) and its text at least 16 px,
    // so phones do not zoom into a field.
    expect(SITE_CSS).toMatch(/\.field input,[^{]*\{[^}]*min-height:2\.75rem/);
    expect(SITE_CSS).toMatch(/\.button\{[^}]*min-height:2\.75rem[^}]*font:700 1rem/);
  });

  it('lays out the wall prompt: heading, actions stacked on phones and side by side on wider screens', () => {
    expect(SITE_CSS).toContain('.wall-prompt{');
    expect(SITE_CSS).toContain('.wall-prompt h2{');
    expect(SITE_CSS).toContain('.actions{display:flex;flex-direction:column');
    expect(SITE_CSS).toContain('@media (min-width:30rem){.actions{flex-direction:row');
    expect(SITE_CSS).toMatch(/\.consent-line\{[^}]*font-size:\.85rem/);
  });

  it('is one line of balanced rules, small enough to inline in every page', () => {
    expect(SITE_CSS).not.toContain('\n');
    expect(SITE_CSS.split('{').length).toBe(SITE_CSS.split('}').length);
    // 4 KB since issue 14 (card pictures, share links, the wall's cue): still a small share of the
    // 30 KB each page may weigh, HTML and CSS together, which the page tests check.
    expect(gzipSync(SITE_CSS).length).toBeLessThan(4 * 1024);
  });
});
