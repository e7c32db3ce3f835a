import { describe, expect, it } from 'vitest';
import { checkSlug, numberedSlug, resolveSlug, SLUG_MAX, slugify } from './slug.js';

describe('slugify', () => {
  it('transliterates accents and drops punctuation', () => {
    expect(slugify('Café Society')).toBe('cafe-society');
    expect(slugify('  Zürich: Straße & Øresund — Łódź  ')).toBe('zurich-strasse-oresund-lodz');
    expect(slugify("Editor's Picks")).toBe('editors-picks');
    expect(slugify('World / Europe')).toBe('world-europe');
    expect(slugify('COVID-19 -- Latest')).toBe('covid-19-latest');
  });

  it('gives an empty slug when no ASCII is left', () => {
    expect(slugify('Україна')).toBe('');
    expect(slugify('!!!')).toBe('');
  });

  it('cuts long names at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug).toMatch(/^(word-)*word$/);
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(SLUG_MAX));
    expect(slugify('alpha beta gamma', 12)).toBe('alpha-beta');
  });
});

describe('numberedSlug', () => {
  it('numbers a slug and keeps it within the limit', () => {
    expect(numberedSlug('budget-vote', 2)).toBe('budget-vote-2');
    const long = slugify('word '.repeat(40));
    const numbered = numberedSlug(long, 12);
    expect(numbered.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(numbered).toMatch(/^(word-)*word-12$/);
    expect(checkSlug(numberedSlug('a'.repeat(SLUG_MAX), 100))).toEqual({
      ok: true,
      value: `${'a'.repeat(76)}-100`,
    });
  });
});

describe('checkSlug', () => {
  it('accepts lower-case ASCII words joined by single hyphens', () => {
    expect(checkSlug('cafe-society')).toEqual({ ok: true, value: 'cafe-society' });
    expect(checkSlug(' g7 ')).toEqual({ ok: true, value: 'g7' });
  });

  it('refuses anything else and suggests the slug meant', () => {
    for (const bad of ['Cafe', 'café', 'a--b', '-a', 'a-', 'a b', 'a/b', 'a_b']) {
      expect(checkSlug(bad)).toMatchObject({ ok: false });
    }
    const refused = checkSlug('Café Society');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain('"cafe-society"');
    expect(checkSlug('')).toMatchObject({ ok: false });
    expect(checkSlug('a'.repeat(SLUG_MAX + 1))).toMatchObject({ ok: false });
  });
});

describe('resolveSlug', () => {
  it('uses the slug given, or makes one from the name', () => {
    expect(resolveSlug('Café Society')).toEqual({ ok: true, value: 'cafe-society' });
    expect(resolveSlug('Café Society', 'cafes')).toEqual({ ok: true, value: 'cafes' });
    expect(resolveSlug('Café Society', 'Cafes')).toMatchObject({ ok: false });
    expect(resolveSlug('Україна')).toMatchObject({ ok: false });
    expect(resolveSlug('Україна', 'ukraine')).toEqual({ ok: true, value: 'ukraine' });
  });
});
