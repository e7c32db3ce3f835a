import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Byline } from './byline.js';

const rita = { id: 'a1', name: 'Rita Reporter', slug: 'rita-reporter' };
const gus = { id: 'a2', name: 'Gus <Guest>', slug: 'gus-guest' };
const ada = { id: 'a3', name: 'Ada Editor', slug: 'ada-editor' };

const html = (locale: string, authors = [rita, gus, ada], rel?: 'author') =>
  renderToString(<Byline authors={authors} locale={locale} rel={rel} />);

describe('the byline', () => {
  it('joins the names as the publication’s language does, each linking its author, names escaped', () => {
    expect(html('en-US')).toBe(
      'By <a href="/by/rita-reporter">Rita Reporter</a>, <a href="/by/gus-guest">Gus &lt;Guest></a>, and <a href="/by/ada-editor">Ada Editor</a>',
    );
    expect(html('de-DE', [rita, gus])).toBe(
      'By <a href="/by/rita-reporter">Rita Reporter</a> und <a href="/by/gus-guest">Gus &lt;Guest></a>',
    );
  });

  it('marks the page’s own authors with rel="author"', () => {
    expect(html('en-US', [rita], 'author')).toBe(
      'By <a href="/by/rita-reporter" rel="author">Rita Reporter</a>',
    );
  });

  it.each(['not a locale!', 'en_US', '', 'x'.repeat(40)])(
    'falls back to en-US on a malformed locale (%j)',
    (locale) => {
      expect(html(locale)).toBe(html('en-US'));
    },
  );

  it('is nothing without authors', () => {
    expect(html('en-US', [])).toBe('');
  });
});
