import { describe, expect, it } from 'vitest';
import { formatNavigation, navigationLinks, parseNavigation } from './navigation.js';
import { checkSetting } from './settings.js';

describe('navigation setting', () => {
  it('reads one link a line, in order, skipping blank lines, and writes them back the same way', () => {
    const text = 'World | /section/world\n\n  U.S. |/section/us \nPodcasts | https://audio.example/';
    const links = navigationLinks(text);
    expect(links).toEqual([
      { label: 'World', href: '/section/world' },
      { label: 'U.S.', href: '/section/us' },
      { label: 'Podcasts', href: 'https://audio.example/' },
    ]);
    expect(navigationLinks(formatNavigation(links))).toEqual(links);
    expect(navigationLinks('')).toEqual([]);
  });

  it('refuses a line it cannot read, naming the line', () => {
    expect(parseNavigation('World | /section/world\nSport')).toEqual({
      ok: false,
      message: expect.stringContaining('line 2 ("Sport") needs "Label | address"'),
    });
    for (const bad of [' | /section/world', 'Trap | javascript:alert(1)', 'Elsewhere | //evil.example/']) {
      const check = checkSetting('navigation.primary', bad);
      expect(check.ok, bad).toBe(false);
    }
    const many = Array.from({ length: 25 }, (_, i) => `S${i} | /section/s${i}`).join('\n');
    expect(checkSetting('navigation.footer', many)).toMatchObject({ ok: false, reason: 'invalid_value' });
    // A page never breaks on a stored value this build cannot read: it shows no links.
    expect(navigationLinks('not a link')).toEqual([]);
  });
});
